// expect: graded
// reason: value: correct
// Answers given during method calls (here from hidden cases, carrying their inputs) are never read.
Answer("value", 6);
double Twice(double x) { Answer("value", x); Answer($"x={x}", x); return 2 * x; }
