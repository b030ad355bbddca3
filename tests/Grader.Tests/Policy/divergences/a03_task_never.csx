// Found by a review of the policy's fast path: the fast path and the whole check must give the same verdict.
var b = System.Runtime.CompilerServices.AsyncTaskMethodBuilder<object>.Create();
Answer("a", b.Task);
