// Found by a review of the policy's fast path: the fast path and the whole check must give the same verdict.
var a = new int[4];
try { System.Runtime.CompilerServices.RuntimeHelpers.InitializeArray(a, default(RuntimeFieldHandle)); } catch (ArgumentException) {}
Answer("a", a[0]);
