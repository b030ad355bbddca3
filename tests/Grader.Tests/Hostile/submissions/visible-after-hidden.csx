// expect: graded
// reason: thrice: incorrect
// absent: seen:
// Twice stores its hidden inputs; Thrice's visible case then throws a message built from them. Visible cases run
// first, so there is nothing stored yet, and after the first hidden call nothing reaches a report.
var seen = new List<double>();
Answer("value", 6);
double Twice(double x) { if (x != 3) seen.Add(x); return 2 * x; }
double Thrice(double x) => seen.Count > 0 ? throw new ArgumentException("seen: " + string.Join(",", seen)) : 0;
