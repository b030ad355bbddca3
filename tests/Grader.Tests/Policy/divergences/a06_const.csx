// Found by a review of the policy's fast path: the fast path and the whole check must give the same verdict.
Answer("a", System.Threading.Timeout.Infinite);
Answer("b", nameof(System.IO.File));
if (false) { System.IO.File.Delete("/tmp/x"); }
