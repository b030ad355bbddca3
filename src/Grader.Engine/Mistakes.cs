namespace Grader.Engine;

/// <summary>
/// A known mistake: an id a report carries, the sentence a student reads, and the rule that makes it. The grader
/// names a mistake by evaluating the spec again with that one rule changed and comparing the student's value with
/// the result (README "Mistakes the grader names"). Several entries may share an id: they are variants of one
/// mistake (the first or the last sample, sigmoid or tanh).
/// </summary>
public sealed record Mistake(string Id, string Sentence, MistakeRule Rule);

/// <summary>How a mistake changes the computation.</summary>
public abstract record MistakeRule;

/// <summary>The derivative of the elementwise op <paramref name="Op"/> replaced by df(x, y), y = f(x).</summary>
public sealed record DerivativeRule(string Op, Func<double, double, double> Derivative) : MistakeRule;

/// <summary>d(x^2)/dx taken as Factor * x rather than 2x.</summary>
public sealed record SquareRule(double Factor) : MistakeRule;

public enum ReductionSlip
{
    /// <summary>mean(x) computes sum(x): a sum where the spec takes a mean.</summary>
    MeanComputesSum,

    /// <summary>sum(x) computes mean(x): a mean where the spec takes a sum.</summary>
    SumComputesMean,

    /// <summary>A sum or mean over samples keeps the first sample only (element 0 of a vector, row 0 of a matrix).</summary>
    FirstSample,

    /// <summary>As <see cref="FirstSample"/>, with the last sample.</summary>
    LastSample,
}

/// <summary>Sums and means (of all elements, and along an axis where it applies) computed the mistaken way.</summary>
public sealed record ReductionRule(ReductionSlip Slip) : MistakeRule;

/// <summary>The bias input forgotten: augment prepends 0 instead of 1, and dense(x, W, b) leaves b out.</summary>
public sealed record BiasInputRule : MistakeRule;

/// <summary>cross_entropy's gradient with respect to the logits without the − y: softmax(z) instead of softmax(z) − y.</summary>
public sealed record CrossEntropyTargetRule : MistakeRule;

/// <summary>Every gradient and Jacobian with its sign flipped.</summary>
public sealed record GradientSignRule : MistakeRule;

public enum SpecRewrite
{
    /// <summary>An L2 penalty term (c * sum(w^2), norm(w)^2, dot(w, w), ...) passes no gradient.</summary>
    PenaltyGradientMissing,

    /// <summary>The penalty's gradient counted twice.</summary>
    PenaltyGradientDoubled,

    /// <summary>The penalty's gradient halved (lambda w for lambda ||w||^2).</summary>
    PenaltyGradientHalved,

    /// <summary>The penalty's gradient multiplied by the upstream gradient (dE/da of the unit the weight feeds) before it is added.</summary>
    PenaltyGradientTimesUpstream,

    /// <summary>jacobian(F(G(x)), x) as J_G(x) @ J_F(G(x)): the chain rule's factors in the wrong order.</summary>
    ChainWrongOrder,

    /// <summary>jacobian(F(G(x)), x) as J_F(x) @ J_G(x): the outer Jacobian at x rather than at G(x).</summary>
    ChainWrongPoint,
}

/// <summary>A mistake the spec layer makes by rewriting the expressions (it knows which term is a penalty).</summary>
public sealed record SpecRule(SpecRewrite Rewrite) : MistakeRule;

public enum AnswerSlip
{
    /// <summary>A square matrix answer transposed.</summary>
    Transposed,

    /// <summary>The whole answer off by a power of ten (10^-3 to 10^3).</summary>
    PowerOfTen,

    /// <summary>One element of the answer off by a power of ten, the others right.</summary>
    OneValuePowerOfTen,
}

/// <summary>A slip made on the right answer itself, after computing it.</summary>
public sealed record AnswerRule(AnswerSlip Slip) : MistakeRule;

/// <summary>The catalogue: a new mistake is one entry here (and, for a new kind of rule, the op that honours it).</summary>
public static class Mistakes
{
    public static readonly IReadOnlyList<Mistake> All =
    [
        new("sign-flipped", "the sign is flipped: this is the negative of the gradient (check (y - yhat) against (yhat - y), or a minus sign lost in the chain rule)",
            new GradientSignRule()),
        new("square-factor-dropped", "the factor 2 from differentiating the square is missing (d/dx x^2 = 2x)", new SquareRule(1)),
        new("square-factor-doubled", "the factor 2 from differentiating the square is counted twice (d/dx x^2 = 2x, not 4x)", new SquareRule(4)),
        new("sum-for-mean", "a sum was used where the loss takes a mean: divide by the number of samples (or elements)",
            new ReductionRule(ReductionSlip.MeanComputesSum)),
        new("mean-for-sum", "a mean was used where the loss takes a sum: there is no division by the number of samples",
            new ReductionRule(ReductionSlip.SumComputesMean)),
        new("one-sample", "this is one sample's term: the batch's loss, and so its gradient, adds up (or averages) the terms of every sample",
            new ReductionRule(ReductionSlip.FirstSample)),
        new("one-sample", "this is one sample's term: the batch's loss, and so its gradient, adds up (or averages) the terms of every sample",
            new ReductionRule(ReductionSlip.LastSample)),
        new("activation-derivative-forgotten", "the activation's derivative is missing from the chain rule: multiply by sigma'(a) = sigma(a)(1 - sigma(a))",
            new DerivativeRule("sigmoid", (_, _) => 1)),
        new("activation-derivative-forgotten", "the activation's derivative is missing from the chain rule: multiply by tanh'(a) = 1 - tanh(a)^2",
            new DerivativeRule("tanh", (_, _) => 1)),
        new("sigmoid-for-derivative", "sigma(a) was used in place of its derivative sigma'(a) = sigma(a)(1 - sigma(a))",
            new DerivativeRule("sigmoid", (_, s) => s)),
        new("tanh-for-derivative", "tanh(a) was used in place of its derivative tanh'(a) = 1 - tanh(a)^2",
            new DerivativeRule("tanh", (_, t) => t)),
        new("derivative-at-activation", "sigma' was evaluated at the activation z = sigma(a) instead of at the pre-activation a: sigma'(a) = z(1 - z)",
            new DerivativeRule("sigmoid", (_, s) => Ops.Sigmoid(s) * (1 - Ops.Sigmoid(s)))),
        new("derivative-at-activation", "tanh' was evaluated at the activation z = tanh(a) instead of at the pre-activation a: tanh'(a) = 1 - z^2",
            new DerivativeRule("tanh", (_, t) => 1 - Math.Tanh(t) * Math.Tanh(t))),
        new("relu-derivative-one", "ReLU' was taken as 1 everywhere: it is 0 where the pre-activation is negative",
            new DerivativeRule("relu", (_, _) => 1)),
        new("bias-forgotten", "the bias input is missing: the bias weight multiplies a constant input 1", new BiasInputRule()),
        new("transposed", "the matrix is transposed (row i should hold output i, or unit i's weights)", new AnswerRule(AnswerSlip.Transposed)),
        new("chain-rule-order", "the chain rule's Jacobians are multiplied in the wrong order: J = J_outer(g(x)) @ J_inner(x)",
            new SpecRule(SpecRewrite.ChainWrongOrder)),
        new("chain-rule-point", "the outer Jacobian was evaluated at x instead of at the inner function's value g(x)",
            new SpecRule(SpecRewrite.ChainWrongPoint)),
        new("l2-gradient-missing", "the L2 penalty's gradient is missing: add its derivative (2 lambda w for lambda ||w||^2, lambda w for lambda/2 ||w||^2)",
            new SpecRule(SpecRewrite.PenaltyGradientMissing)),
        new("l2-gradient-doubled", "the L2 penalty's gradient is counted twice", new SpecRule(SpecRewrite.PenaltyGradientDoubled)),
        new("l2-gradient-halved", "the L2 penalty's gradient is half what it should be: the derivative of lambda ||w||^2 is 2 lambda w (lambda w is that of lambda/2 ||w||^2)",
            new SpecRule(SpecRewrite.PenaltyGradientHalved)),
        new("l2-gradient-times-upstream", "the L2 penalty's gradient was multiplied by the upstream gradient (the delta of its unit); it is added to the weight's gradient instead",
            new SpecRule(SpecRewrite.PenaltyGradientTimesUpstream)),
        new("softmax-ce-without-y", "the softmax cross-entropy gradient is missing the - y: dL/dz = softmax(z) - y (y one-hot)",
            new CrossEntropyTargetRule()),
        new("magnitude-slip", "the value is off by a power of ten (a decimal point or an exponent slipped)", new AnswerRule(AnswerSlip.PowerOfTen)),
        new("magnitude-slip", "one value is off by a power of ten (a decimal point or an exponent slipped)", new AnswerRule(AnswerSlip.OneValuePowerOfTen)),
    ];

    /// <summary>Every id with its sentence (the first entry's), for documentation and reports.</summary>
    public static IReadOnlyDictionary<string, string> Sentences { get; } =
        All.GroupBy(m => m.Id).ToDictionary(g => g.Key, g => g.First().Sentence, StringComparer.Ordinal);
}
