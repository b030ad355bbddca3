// Found by a review of the policy's fast path: the fast path and the whole check must give the same verdict.
var arr = new System.Threading.Tasks.Task<int>[3];
Answer("a", arr.Length);
