// Answers for problems/cs577-a2/jacobians.yaml
double x = 1, y = 2;
Answer("13a-gradient", new[] { 8 * x + 12 * y, 12 * x + 18 * y });
Answer("13b-jacobian", new double[,] { { 2 * x, 2 }, { 3, 8 * y } });
Answer("13c-chain", new double[] { 12, 131 });
Answer("10-chain", ChainJacobian(1, 2));

double[,] ChainJacobian(double x, double y) => new double[,]
{
    { 6 * x * y - 15 * y * y, 3 * x * x - 30 * x * y },
    { y - 2 * x, x + 1 },
};
