// Answers for problems/dl-hw1/bce-sigmoid.yaml
double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
var yhat = Sigmoid(0.8);
Answer("yhat", 0.690);
Answer("dL-dyhat", (yhat - 1) / (yhat * (1 - yhat)));
Answer("dL-dz", yhat - 1);

double DLossDz(double z, double y) => Sigmoid(z) - y;
