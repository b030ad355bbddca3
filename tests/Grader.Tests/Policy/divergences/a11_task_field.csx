// Found by a review of the policy's fast path: the fast path and the whole check must give the same verdict.
System.Threading.Tasks.Task<int> t = null;
Answer("a", t is null);
