// Found by a review of the policy's fast path: the fast path and the whole check must give the same verdict.
object o = default(System.IO.FileInfo); object p = (System.Diagnostics.Process)null;
Answer("a", o == p);
