// A submission using everyday C#: the policy's fast path and its whole check must give it the same verdict (PolicyFastPathTests).
double[][] Forward(double[][] w, double[] x)
{
    if (w.Length == 0) throw new ArgumentException("no rows", nameof(w));
    var h = new double[w.Length][];
    for (var i = 0; i < w.Length; i++)
    {
        h[i] = new double[1];
        var sum = 0.0;
        int j = 0;
        while (j < x.Length) { sum += w[i][j] * x[j]; j++; }
        h[i][0] = Math.Max(0, sum);
    }
    return h;
}
(double Min, double Max) Range(IEnumerable<double> xs) => (xs.Min(), xs.Max());
T Twice<T>(Func<T, T> f, T x) => f(f(x));
var copy = new double[3];
Array.Copy(new[] { 1.0, 2.0, 3.0 }, copy, 3);
Array.Sort(copy);
double total;
try { total = Forward([[1.0, 2.0]], [3.0, 4.0])[0][0]; }
catch (ArgumentException e) { Console.WriteLine(e.Message); total = double.NaN; }
var text = string.Concat(total.ToString("F3"), ";");
Console.WriteLine(text);
Answer("range", Range(copy).Max - Range(copy).Min);
Answer("twice", Twice(v => v * 2, total));
Answer("forward", (Func<double[][], double[], double[][]>)Forward);
