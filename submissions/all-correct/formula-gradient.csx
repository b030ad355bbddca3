// Answers for problems/dl-a2/formula-gradient.yaml.
// f(x, y) = x^2 y + exp(x y) / 2: df/dx = 2 x y + y exp(x y) / 2, df/dy = x^2 + x exp(x y) / 2.
double[] GradF(double x, double y) => [2 * x * y + y * Math.Exp(x * y) / 2, x * x + x * Math.Exp(x * y) / 2];

Answer("grad-f-at-point", GradF(1, 2));
// h(w) = max(1 - w, 0) + |w - 1| has slope -2 left of 1 and 1 right of it; -2 is one of the subgradients.
Answer("subgradient-h", -2.0);
