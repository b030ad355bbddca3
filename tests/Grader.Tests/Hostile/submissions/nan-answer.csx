// expect: graded
// reason: value: incorrect
// reason: not finite
// NaN never satisfies a tolerance; the feedback says so.
Answer("value", double.NaN);
double Twice(double x) => double.PositiveInfinity;
