// expect: graded
// reason: twice: timeout
Answer("value", 6);
double Twice(double x) { while (true) { } }
