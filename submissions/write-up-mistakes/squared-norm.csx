// The write-up's answers (seed 000, problem 1): right, except that the gradient of sum ||x_i - mu||^2 with
// respect to mu was written as 2 (x - mu) summed, which has the sign of the derivative with respect to x.
Answer("a-gradient", new double[] { 2, -4, 6 });
Answer("b-gradient", new double[] { 12, 8 });
Answer("b-minimiser", new double[] { 2, 2 });
Answer("b-gradient-at-minimiser", new double[] { 0, 0 });

double[] Minimiser(double[,] P) =>
    Enumerable.Range(0, P.GetLength(1)).Select(j => Enumerable.Range(0, P.GetLength(0)).Average(i => P[i, j])).ToArray();
