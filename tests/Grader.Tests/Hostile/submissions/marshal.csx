// expect: rejected
// reason: Marshal
var p = System.Runtime.InteropServices.Marshal.AllocHGlobal(1 << 20);
Answer("value", 6);
