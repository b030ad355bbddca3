// A constant switch statement: the other sections are left out.
var n = 0;
switch (1) { case 2: n = Environment.ProcessorCount; break; default: n = 1; break; }
Answer("a", n);
