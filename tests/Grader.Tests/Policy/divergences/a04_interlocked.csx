// Found by a review of the policy's fast path: the fast path and the whole check must give the same verdict.
int x = 0; System.Threading.Interlocked.CompareExchange(ref x, 1, 0);
Answer("a", x);
