namespace Grader.Engine;

/// <summary>
/// A way an op can be computed wrongly, passed to the op that honours it (an argument like any other). The ops know
/// only these variants of themselves; which mistakes a student makes, their ids and sentences, and how a wrong value
/// is explained are the feedback layer's (Grader.Problems.Feedback).
/// </summary>
public abstract record MistakeRule
{
    /// <summary>This rule if it is a <typeparamref name="T"/>, or the one of that type a pair of mistakes holds; else null.</summary>
    public virtual T? Find<T>()
        where T : MistakeRule => this as T;

    /// <summary>Every single rule this is made of (itself, or both of a pair).</summary>
    public virtual IEnumerable<MistakeRule> Rules => [this];
}

/// <summary>Two mistakes made together (a student who forgets the activation's derivative and sums instead of averaging).</summary>
public sealed record BothRules(MistakeRule First, MistakeRule Second) : MistakeRule
{
    public override T? Find<T>()
        where T : class => First.Find<T>() ?? Second.Find<T>();

    public override IEnumerable<MistakeRule> Rules => First.Rules.Concat(Second.Rules);

    /// <summary>The rules made together, as one (either may be null: none).</summary>
    public static MistakeRule? Of(MistakeRule? a, MistakeRule? b) => a is null ? b : b is null ? a : new BothRules(a, b);
}

/// <summary>
/// The derivative of the elementwise function <paramref name="Op"/> replaced by df(x, y), y = f(x). With
/// <paramref name="Gate"/> set, only where the caller applies the function as a gate (true) or not as one (false): the
/// caller says which (the spec language calls a sigmoid that multiplies another value a gate, as an LSTM's).
/// </summary>
public sealed record DerivativeRule(string Op, Func<double, double, double> Derivative, bool? Gate = null) : MistakeRule
{
    /// <summary>Whether this rule changes <paramref name="fn"/> applied as a gate (<paramref name="gate"/>) or not.</summary>
    public bool Changes(string fn, bool gate) => Op == fn && (Gate is null || Gate == gate);
}

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

/// <summary>
/// Sums and means (of all elements, and along axes where it applies) computed the mistaken way; with
/// <paramref name="WholeOnly"/>, only those of all elements (a loss's, not a batch's statistics along an axis).
/// </summary>
public sealed record ReductionRule(ReductionSlip Slip, bool WholeOnly = false) : MistakeRule;

/// <summary>The bias input forgotten: augment prepends 0 instead of 1, and dense(x, W, b), conv1d and conv2d leave the bias out.</summary>
public sealed record BiasInputRule : MistakeRule;

/// <summary>cross_entropy's gradient with respect to the logits without the − y: softmax(z) instead of softmax(z) − y.</summary>
public sealed record CrossEntropyTargetRule : MistakeRule;

/// <summary>Every gradient and Jacobian with its sign flipped (honoured where grad and jacobian are evaluated).</summary>
public sealed record GradientSignRule : MistakeRule;

public enum NormSlip
{
    /// <summary>batch norm's gradient as if the batch mean and variance were constants (dx = gamma dout / sqrt(var + eps)).</summary>
    StatisticsConstant,

    /// <summary>a normalisation's variance divided by N - 1 where it divides by N.</summary>
    UnbiasedVariance,

    /// <summary>layer norm's statistics over the batch axis (axis 0) instead of the normalised features.</summary>
    LayerOverBatch,
}

/// <summary>batch_norm and layer_norm computed the mistaken way.</summary>
public sealed record NormRule(NormSlip Slip) : MistakeRule;

/// <summary>softmax and log_softmax over another axis than the one written (the one before it, or after it for axis 0).</summary>
public sealed record SoftmaxAxisRule : MistakeRule;

/// <summary>conv1d/conv2d as a true convolution: the kernel flipped along its spatial axes.</summary>
public sealed record ConvFlippedRule : MistakeRule;

/// <summary>A max pool's gradient sent to every tied maximum of its window, or (<paramref name="WholeWindow"/>) to every element of it.</summary>
public sealed record PoolGradientRule(bool WholeWindow) : MistakeRule;
