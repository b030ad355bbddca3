// Found by a review of the policy's fast path: the fast path and the whole check must give the same verdict.
nint x = 5; nint y = x * 3 + 1;
Answer("a", (int)y);
