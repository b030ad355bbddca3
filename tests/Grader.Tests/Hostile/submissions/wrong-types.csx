// expect: graded
// reason: value: error
Answer("value", "six");
double Twice(int x) => 2 * x;
