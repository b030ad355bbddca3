// expect: rejected
// reason: Unsafe
var d = System.Runtime.CompilerServices.Unsafe.As<long, double>(ref System.Runtime.CompilerServices.Unsafe.NullRef<long>());
Answer("value", 6);
