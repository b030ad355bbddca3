// Found by a review of the policy's fast path: the fast path and the whole check must give the same verdict.
var q = new[]{1,2,3}.AsQueryable().Where(x => x > 1);
Answer("a", q.Count());
