// expect: crashed
// reason: stack overflow
Answer("value", 6);
double Twice(double x) => Twice(x + 1) + 1;
