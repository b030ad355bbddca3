// A constant if whose dead branch is the condition's own right side.
var n = 0;
if (false && Environment.TickCount > 0) { } else { n = 1; }
Answer("a", n);
