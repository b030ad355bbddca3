// Found by a review of the policy's fast path: the fast path and the whole check must give the same verdict.
var b = System.Runtime.CompilerServices.AsyncTaskMethodBuilder<int>.Create();
b.SetException(new InvalidOperationException("boom"));
object t = b.Task;
Answer("a", 1);
