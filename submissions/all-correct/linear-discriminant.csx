// Answers for problems/cs577-a2/linear-discriminant.yaml
Answer("q1-value", 0.1 + 0.2 * 1 + 0.3 * 1);
Answer("q4-normal", new[] { 2 / Math.Sqrt(13), 3 / Math.Sqrt(13) });
Answer("q4-distance", 1 / Math.Sqrt(13));

double Distance(double[] theta, double[] p) =>
    Math.Abs(theta[0] + theta[1] * p[0] + theta[2] * p[1]) / Math.Sqrt(theta[1] * theta[1] + theta[2] * theta[2]);
