// Found by a review of the policy's fast path: the fast path and the whole check must give the same verdict.
record R(int A);
Answer("a", new R(1).A);
