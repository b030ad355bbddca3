// Found by a review of the policy's fast path: the fast path and the whole check must give the same verdict.
Func<int> f = () => 1;
Answer("a", f.BeginInvoke(null, null));
