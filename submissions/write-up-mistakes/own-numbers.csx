// My numbers, from `grader render problems/dl-a3/own-numbers.yaml --student write-up-mistakes`.
// The bias is forgotten in a; everything after it is right for that a (error carried forward).
double[] x = { 1, -2, 0.5 };
double y = 1;
double[] w = { 0.44, 0.4, -0.29 };
var a = w.Select((wi, i) => wi * x[i]).Sum();
var p = 1 / (1 + Math.Exp(-a));
Answer("a-pre", a);
Answer("b-out", p);
Answer("c-loss", (y - p) * (y - p));
var dLda = -2 * (y - p) * p * (1 - p);
Answer("d-grad", x.Select(xi => dLda * xi).ToArray());
