// A type test the compiler decides from the static type.
var x = 3;
Answer("a", x is int ? 0 : Environment.TickCount);
