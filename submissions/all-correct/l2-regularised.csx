// Answers for problems/dl-hw1/l2-regularised.yaml, worked by hand to four figures.
// h = relu(W1 x + b1) = relu([1.2, -0.4]) = [1.2, 0]; z = w2 . h + b2 = 0.89; yhat = sigmoid(0.89).
var yhat = 1 / (1 + Math.Exp(-0.89));
var delta = yhat - 1;                       // dL/dz for BCE after a sigmoid
double lambda = 0.1;
Answer("forward", yhat);
Answer("dL-dz-out", delta);
Answer("dL-dw2", new[] { delta * 1.2, 0 });
Answer("dL-dW1", new[,] { { delta * 0.7 * 1, delta * 0.7 * 2 }, { 0, 0 } });
// The penalty (lambda/2)||w||^2 adds lambda * w to each weight gradient; dJ/dz and the biases do not change.
Answer("dJ-dz-out", delta);
Answer("dJ-dw2", new[] { delta * 1.2 + lambda * 0.7, lambda * -0.6 });
Answer("dJ-dW1", new[,] { { delta * 0.7 + lambda * 0.5, delta * 1.4 + lambda * 0.3 }, { lambda * -0.4, lambda * -0.1 } });
Answer("dJ-db1", new[] { delta * 0.7, 0 });
