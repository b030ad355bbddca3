// Found by a review of the policy's fast path: the fast path and the whole check must give the same verdict.
var a = new System.Runtime.CompilerServices.IteratorStateMachineAttribute(null);
var d = new System.Diagnostics.DebuggableAttribute(System.Diagnostics.DebuggableAttribute.DebuggingModes.None);
Answer("a", a.GetHashCode() + d.GetHashCode());
