// Found by a review of the policy's fast path: the fast path and the whole check must give the same verdict.
static void F(TypedReference t) {}
Answer("a", 1);
