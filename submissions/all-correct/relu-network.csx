// Answers for problems/dl-a1/relu-network.yaml: z = W1 x + b1 at x = 2, then relu, then w2 . h + b2.
Answer("c-preactivation", new double[] { -1, 3, 1, -1 });
Answer("c-hidden", new double[] { 0, 3, 1, 0 });
Answer("c-output", -3);
// L = (y - yhat)^2 with y = 1: dL/dyhat = -2 (1 - (-3)) = -8.
Answer("d-grad-b2", -8);
Answer("d-grad-w2", new double[] { 0, -24, -8, 0 });
Answer("d-grad-b1", new double[] { 0, 8, 8, 0 });
Answer("d-grad-W1", new double[] { 0, 16, 16, 0 });
