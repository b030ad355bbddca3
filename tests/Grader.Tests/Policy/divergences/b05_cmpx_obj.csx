// Found by a review of the policy's fast path: the fast path and the whole check must give the same verdict.
object x = null; System.Threading.Interlocked.CompareExchange<object>(ref x, "s", null);
Answer("a", x.ToString().Length);
