// Does not compile: a missing semicolon and a string where a number belongs.
Answer("b-loss", 281.70)
double total = "281.7";

double[] GradV(double[,] X, double[] Y, double[,] W, double[] v)
{
    return new double[v.Length];
}
