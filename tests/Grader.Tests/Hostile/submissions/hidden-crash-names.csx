// expect: crashed
// absent: LeakPositive
// absent: LeakNegative
// A stack overflow on a hidden case, through a method whose name depends on the input: the crash's text from the
// worker (method names in its stack trace) must not reach the report.
Answer("value", 6);
int LeakPositive(int n) => LeakPositive(n + 1) + 1;
int LeakNegative(int n) => LeakNegative(n + 1) + 1;
double Twice(double x) => x == 3 ? 6 : x > 0 ? LeakPositive(0) : LeakNegative(0);
