// A submission using everyday C#: the policy's fast path and its whole check must give it the same verdict (PolicyFastPathTests).
var xs = new List<double> { 1, 2, 3 };
foreach (var x in xs) Console.WriteLine($"x = {x:F2} and {x + 1}");
double[] arr = [1.0, 2.0, 3.0];
var sl = arr[1..];
var (a, b) = (1.0, 2.0);
var d = new Dictionary<string, double> { ["a"] = 1 };
var s = string.Join(",", xs.Select(v => v * a).Where(v => v > b));
var sw = a switch { > 1 => "big", _ => "small" };
double Local(double t) => Math.Tanh(t);
Func<double, double> f = t => Local(t) * b;
Answer("x", f(arr[^1]));
Answer("y", sl.Sum());
