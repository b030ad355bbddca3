// Found by a review of the policy's fast path: the fast path and the whole check must give the same verdict.
var m = new System.Reflection.DefaultMemberAttribute("x");
Answer("a", m.ToString());
