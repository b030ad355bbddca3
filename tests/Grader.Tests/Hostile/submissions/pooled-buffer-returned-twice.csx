// expect: rejected
// reason: DefaultInterpolatedStringHandler
// Copies of one handler return its pooled char[] to ArrayPool<char>.Shared many times: later interpolations in the
// worker (anyone's) would write two strings into one buffer. The handler is the compiler's, never a submission's.
var h = new System.Runtime.CompilerServices.DefaultInterpolatedStringHandler(0, 1);
h.AppendFormatted(1.0, "F4");
var copies = new System.Runtime.CompilerServices.DefaultInterpolatedStringHandler[64];
for (var i = 0; i < copies.Length; i++) copies[i] = h;
for (var i = 0; i < copies.Length; i++) copies[i].ToStringAndClear();
Answer("value", 6);
