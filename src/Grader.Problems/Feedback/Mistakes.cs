using Grader.Engine;

namespace Grader.Problems.Feedback;

/// <summary>
/// The catalogue of mistakes the grader names (README "Mistakes the grader names"). Several entries may share an id:
/// they are variants of one mistake (the first or the last sample, sigmoid or tanh). A new mistake is one entry here,
/// and a new kind of mistake one class in Kinds/.
/// </summary>
public static class Mistakes
{
    public static readonly IReadOnlyList<Mistake> All =
    [
        new("sign-flipped", "the sign is flipped: this is the negative of the gradient (check (y - yhat) against (yhat - y), or a minus sign lost in the chain rule)",
            new OpVariant(new GradientSignRule())),
        new("square-factor-dropped", "the factor 2 from differentiating the square is missing (d/dx x^2 = 2x)", new OpVariant(new SquareRule(1), SparePenalty: true)),
        new("square-factor-doubled", "the factor 2 from differentiating the square is counted twice (d/dx x^2 = 2x, not 4x)", new OpVariant(new SquareRule(4), SparePenalty: true)),
        new("sum-for-mean", "a sum was used where the loss takes a mean: divide by the number of samples (or elements)",
            new OpVariant(new ReductionRule(ReductionSlip.MeanComputesSum), SparePenalty: true)),
        new("mean-for-sum", "a mean was used where the loss takes a sum: there is no division by the number of samples",
            new OpVariant(new ReductionRule(ReductionSlip.SumComputesMean), SparePenalty: true)),
        new("one-sample", "this is one sample's term: the batch's loss, and so its gradient, adds up (or averages) the terms of every sample",
            new OpVariant(new ReductionRule(ReductionSlip.FirstSample), SparePenalty: true)),
        new("one-sample", "this is one sample's term: the batch's loss, and so its gradient, adds up (or averages) the terms of every sample",
            new OpVariant(new ReductionRule(ReductionSlip.LastSample), SparePenalty: true)),
        new("activation-derivative-forgotten", "the activation's derivative is missing from the chain rule: multiply by sigma'(a) = sigma(a)(1 - sigma(a))",
            new OpVariant(new DerivativeRule("sigmoid", (_, _) => 1, Gate: false))),
        new("activation-derivative-forgotten", "the activation's derivative is missing from the chain rule: multiply by tanh'(a) = 1 - tanh(a)^2",
            new OpVariant(new DerivativeRule("tanh", (_, _) => 1))),
        new("gate-derivative-forgotten", "a gate's sigmoid derivative is missing from the backward pass: an LSTM or GRU gate g = sigma(a) multiplies another value, and dL/da = dL/dg * g(1 - g)",
            new OpVariant(new DerivativeRule("sigmoid", (_, _) => 1, Gate: true))),
        new("sigmoid-for-derivative", "sigma(a) was used in place of its derivative sigma'(a) = sigma(a)(1 - sigma(a))",
            new OpVariant(new DerivativeRule("sigmoid", (_, s) => s))),
        new("tanh-for-derivative", "tanh(a) was used in place of its derivative tanh'(a) = 1 - tanh(a)^2",
            new OpVariant(new DerivativeRule("tanh", (_, t) => t))),
        new("derivative-at-activation", "sigma' was evaluated at the activation z = sigma(a) instead of at the pre-activation a: sigma'(a) = z(1 - z)",
            new OpVariant(new DerivativeRule("sigmoid", (_, s) => Ops.Sigmoid(s) * (1 - Ops.Sigmoid(s))))),
        new("derivative-at-activation", "tanh' was evaluated at the activation z = tanh(a) instead of at the pre-activation a: tanh'(a) = 1 - z^2",
            new OpVariant(new DerivativeRule("tanh", (_, t) => 1 - Math.Tanh(t) * Math.Tanh(t)))),
        new("relu-derivative-one", "ReLU' was taken as 1 everywhere: it is 0 where the pre-activation is negative",
            new OpVariant(new DerivativeRule("relu", (_, _) => 1))),
        new("bias-forgotten", "the bias input is missing: the bias weight multiplies a constant input 1", new OpVariant(new BiasInputRule())),
        new("transposed", "the matrix is transposed (row i should hold output i, or unit i's weights)", new Transposed()),
        new("chain-rule-order", "the chain rule's Jacobians are multiplied in the wrong order: J = J_outer(g(x)) @ J_inner(x)",
            new ChainRule(WrongOrder: true)),
        new("chain-rule-point", "the outer Jacobian was evaluated at x instead of at the inner function's value g(x)",
            new ChainRule(WrongOrder: false)),
        new("l2-gradient-missing", "the L2 penalty's gradient is missing: add its derivative (2 lambda w for lambda ||w||^2, lambda w for lambda/2 ||w||^2)",
            new PenaltyGradient(0)),
        new("l2-gradient-doubled", "the L2 penalty's gradient is counted twice", new PenaltyGradient(2)),
        new("l2-gradient-halved", "the L2 penalty's gradient is half what it should be: the derivative of lambda ||w||^2 is 2 lambda w (lambda w is that of lambda/2 ||w||^2)",
            new PenaltyGradient(0.5)),
        new("l2-gradient-times-upstream", "the L2 penalty's gradient was multiplied by the upstream gradient (the delta of its unit); it is added to the weight's gradient instead",
            new PenaltyTimesUpstream()),
        new("softmax-ce-without-y", "the softmax cross-entropy gradient is missing the - y: dL/dz = softmax(z) - y (y one-hot)",
            new OpVariant(new CrossEntropyTargetRule())),
        new("batchnorm-mean-variance-as-constants", "batch norm's gradient treats the batch mean and variance as constants: they depend on x too, so dx = (gamma / sigma) (dout - mean(dout) - xhat mean(dout xhat)), not gamma dout / sigma",
            new OpVariant(new NormRule(NormSlip.StatisticsConstant))),
        new("variance-unbiased", "the variance is divided by N - 1: batch and layer norm divide by N (the biased variance)",
            new OpVariant(new NormRule(NormSlip.UnbiasedVariance))),
        new("layernorm-over-batch", "layer norm's mean and variance were taken over the batch (each feature across samples): they are taken over each sample's own features",
            new OpVariant(new NormRule(NormSlip.LayerOverBatch))),
        new("softmax-wrong-axis", "the softmax is taken over the wrong axis: each row (the last axis, or the axis the problem names) must sum to 1",
            new OpVariant(new SoftmaxAxisRule())),
        new("attention-unscaled", "the attention scores are not scaled: scaled dot-product attention divides Q K^T by sqrt(d_k) before the softmax",
            DroppedDivision.AttentionScale),
        new("dropout-unscaled", "inverted dropout scales the kept activations by 1 / (1 - p): without it, the expected activation changes between training and test",
            DroppedDivision.DropoutScale),
        new("adam-no-bias-correction", "Adam's moments are used without bias correction: divide m by (1 - beta1^t) and v by (1 - beta2^t) before the update",
            DroppedDivision.BiasCorrection),
        new("weight-decay-on-bias", "the L2 penalty (weight decay) was applied to the bias as well: it penalises the weights only, so the bias gets no 2 lambda b term",
            new PenaltyOnBias()),
        new("bptt-last-step-only", "only the last time step's term is there: a weight used at every step (W_hh, W_xh, b_h) gets a term from each step, back-propagated through time",
            new LastStepOnly()),
        new("conv-kernel-flipped", "the kernel is flipped: a convolution layer computes a cross-correlation (y[i, j] = sum x[i + a, j + b] w[a, b]), not a true convolution",
            new OpVariant(new ConvFlippedRule())),
        new("conv-kernel-flipped", "the kernel's gradient is turned 180 degrees: a convolution layer is a cross-correlation, so dL/dw[a, b] = sum dout[i, j] x[i + a, j + b], with no flip",
            new FlippedKernelGradient()),
        new("pool-gradient-to-all-maxima", "a max pool passes its gradient to one element of each window, the first maximum: not to every tied maximum",
            new OpVariant(new PoolGradientRule(WholeWindow: false))),
        new("pool-gradient-to-all-maxima", "a max pool passes its gradient only to the window's maximum (the first, on a tie), not to every element of the window",
            new OpVariant(new PoolGradientRule(WholeWindow: true))),
        new("magnitude-slip", "the value is off by a power of ten (a decimal point or an exponent slipped)", new PowerOfTen(OneValue: false)),
        new("magnitude-slip", "one value is off by a power of ten (a decimal point or an exponent slipped)", new PowerOfTen(OneValue: true)),
    ];

    /// <summary>Every id with its sentence (the first entry's), for documentation and reports.</summary>
    public static IReadOnlyDictionary<string, string> Sentences { get; } =
        All.GroupBy(m => m.Id).ToDictionary(g => g.Key, g => g.First().Sentence, StringComparer.Ordinal);
}
