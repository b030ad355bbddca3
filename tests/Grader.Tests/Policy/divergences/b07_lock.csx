// Found by a review of the policy's fast path: the fast path and the whole check must give the same verdict.
var o = new object(); int x = 0; lock (o) { x++; }
Answer("a", x);
