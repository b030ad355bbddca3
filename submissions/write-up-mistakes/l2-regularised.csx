// The write-up's answers (seed 004, question 2.4): the penalty's gradient lambda * w multiplied by the
// upstream gradient delta, instead of added to the weight gradient.
var yhat = 1 / (1 + Math.Exp(-0.89));
var delta = yhat - 1;
double lambda = 0.1;
Answer("forward", yhat);
Answer("dL-dz-out", delta);
Answer("dL-dw2", new[] { delta * 1.2, 0 });
Answer("dL-dW1", new[,] { { delta * 0.7, delta * 1.4 }, { 0, 0 } });
Answer("dJ-dz-out", delta);
Answer("dJ-dw2", new[] { delta * (1.2 + lambda * 0.7), delta * (0 + lambda * -0.6) });
Answer("dJ-dW1", new[,] { { delta * 0.7 * (1 + lambda * 0.5), delta * 0.7 * (2 + lambda * 0.3) }, { 0, 0 } });
Answer("dJ-db1", new[] { delta * 0.7, 0 });
