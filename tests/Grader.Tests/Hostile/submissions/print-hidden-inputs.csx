// expect: graded
// reason: value: correct
// absent: leak
Answer("value", 6);
double Twice(double x) { Console.WriteLine($"leak {x}"); return 2 * x; }
