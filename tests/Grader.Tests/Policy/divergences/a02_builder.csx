// Found by a review of the policy's fast path: the fast path and the whole check must give the same verdict.
var b = System.Runtime.CompilerServices.AsyncTaskMethodBuilder<int>.Create();
var sm = new SM();
b.Start(ref sm);
b.SetResult(1);
Answer("a", 1);
struct SM : System.Runtime.CompilerServices.IAsyncStateMachine { public void MoveNext() { Console.WriteLine("hi"); } public void SetStateMachine(System.Runtime.CompilerServices.IAsyncStateMachine s) {} }
