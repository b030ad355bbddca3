// Found by a review of the policy's fast path: the fast path and the whole check must give the same verdict.
dynamic d = 3; object o = d; Answer("a", o);
