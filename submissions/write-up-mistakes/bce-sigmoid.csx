// The write-up's answers (seed 004, question 2.1): sigma(z)(1 - sigma(z)) substituted for yhat in dL/dyhat.
double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
var s = Sigmoid(0.8);
var d = s * (1 - s);
Answer("yhat", s);
Answer("dL-dyhat", (d - 1) / (d * (1 - d)));
Answer("dL-dz", s - 1);

double DLossDz(double z, double y) => Sigmoid(z) - y;
