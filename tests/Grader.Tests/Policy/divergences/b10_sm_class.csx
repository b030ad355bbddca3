// Found by a review of the policy's fast path: the fast path and the whole check must give the same verdict.
var b = System.Runtime.CompilerServices.AsyncTaskMethodBuilder<int>.Create();
System.Runtime.CompilerServices.IAsyncStateMachine sm = new SM();
b.SetStateMachine(sm);
b.Start(ref sm);
Answer("a", 1);
class SM : System.Runtime.CompilerServices.IAsyncStateMachine { public void MoveNext() { } public void SetStateMachine(System.Runtime.CompilerServices.IAsyncStateMachine s) {} }
