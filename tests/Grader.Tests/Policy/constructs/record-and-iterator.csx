// A submission using everyday C#: the policy's fast path and its whole check must give it the same verdict (PolicyFastPathTests).
record Point(double X, double Y);
IEnumerable<int> Gen(int n) { for (var i = 0; i < n; i++) yield return i; }
var p = new Point(1, 2);
Answer("p", p.X + Gen(3).Sum());
