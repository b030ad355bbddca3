// expect: graded
// reason: twice: error
Answer("value", 6);
double Twice(double x) => throw new DivideByZeroException();
