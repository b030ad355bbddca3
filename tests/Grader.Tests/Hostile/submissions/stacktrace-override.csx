// expect: rejected
// reason: an exception type of the submission's own
// An overridable StackTrace carrying the input as a fake "line".
class Leak(string s) : Exception { public override string StackTrace => $"at Submission.csx:line {s}"; }
Answer("value", 6);
double Twice(double x) => throw new Leak(x.ToString("R"));
