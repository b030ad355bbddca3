// Values of 3 and 4 axes as a student writes them (a convolution, a sum over channels, jagged arrays): the policy allows
// multidimensional arrays, their initialisers, GetLength, Rank and Length, and its fast path vouches for all of it
// (PolicyFastPathTests).
double[,,,] Conv(double[,,,] x, double[,,,] w)
{
    int n = x.GetLength(0), c = x.GetLength(1), h = x.GetLength(2), wd = x.GetLength(3);
    int f = w.GetLength(0), k = w.GetLength(2);
    var y = new double[n, f, h - k + 1, wd - k + 1];
    for (var b = 0; b < n; b++)
        for (var o = 0; o < f; o++)
            for (var i = 0; i + k <= h; i++)
                for (var j = 0; j + k <= wd; j++)
                {
                    var s = 0.0;
                    for (var ch = 0; ch < c; ch++)
                        for (var p = 0; p < k; p++)
                            for (var q = 0; q < k; q++)
                                s += x[b, ch, i + p, j + q] * w[o, ch, p, q];
                    y[b, o, i, j] = Math.Max(0, s);
                }
    return y;
}
double[][][] Jagged(double[,,] a)
{
    var r = new double[a.GetLength(0)][][];
    for (var i = 0; i < r.Length; i++)
    {
        r[i] = new double[a.GetLength(1)][];
        for (var j = 0; j < r[i].Length; j++)
            r[i][j] = Enumerable.Range(0, a.GetLength(2)).Select(l => a[i, j, l]).ToArray();
    }
    return r;
}
var t = new double[,,] { { { 1, 2 }, { 3, 4 } }, { { 5, 6 }, { 7, 8 } } };
var total = 0.0;
foreach (var v in t) total += v;
var copy = (double[,,])t.Clone();
copy[1, 1, 1] = t.Rank + t.Length + t.GetUpperBound(2) + total;
Answer("a", Jagged(copy));
Answer("b", Conv(new double[1, 1, 3, 3], new double[2, 1, 2, 2]));
Answer("c", new double[2, 2, 2, 2, 2, 2]);
