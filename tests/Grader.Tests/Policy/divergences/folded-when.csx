// A case guard that is always false.
var x = 3;
Answer("a", x switch { 3 when false => Environment.TickCount, _ => 0 });
