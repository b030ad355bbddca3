// expect: rejected
// reason: an exception type of the submission's own
// Ten exception classes, one per digit: a hidden case's input spelled out in the type names of its failures.
class X0 : Exception { } class X1 : Exception { } class X2 : Exception { }
Answer("value", 6);
double Twice(double x) => throw new X0();
