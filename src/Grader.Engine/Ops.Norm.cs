namespace Grader.Engine;

public static partial class Ops
{
    /// <summary>
    /// torch.nn.functional.layer_norm: x normalised over its last axes (those of <paramref name="normalizedShape"/>),
    /// with the biased variance and eps inside the square root, then scaled by weight and shifted by bias (each shaped
    /// like normalizedShape) if given. Built from the engine's ops, so its gradient is theirs.
    /// </summary>
    public static Var LayerNorm(Var x, IReadOnlyList<int> normalizedShape, Var? weight, Var? bias, double eps, MistakeRule? mistake = null)
    {
        var X = x.Value;
        var k = normalizedShape.Count;
        if (k == 0 || k > X.Rank || !X.ShapeArray[^k..].SequenceEqual(normalizedShape))
        {
            throw new ShapeException($"layer_norm: normalized_shape {Tensor.FormatShape(normalizedShape)} must be the last axes of the input {Tensor.FormatShape(X.Shape)}");
        }
        foreach (var (p, name) in new[] { (weight, "weight"), (bias, "bias") })
        {
            if (p is not null && !p.Value.ShapeArray.SequenceEqual(normalizedShape))
            {
                throw new ShapeException($"layer_norm: the {name} is shaped like normalized_shape {Tensor.FormatShape(normalizedShape)}, not {Tensor.FormatShape(p.Value.Shape)}");
            }
        }
        var axes = Enumerable.Range(X.Rank - k, k).ToArray();
        if (mistake?.Find<NormRule>() is { Slip: NormSlip.LayerOverBatch } && X.Rank > k)
        {
            axes = [0];
        }
        return Affine(Normalised(x, axes, eps, mistake), weight, bias);
    }

    /// <summary>
    /// torch.nn.functional.batch_norm over x [N, C, ...]: per channel C, over the batch and every other axis. In
    /// training mode the batch's mean and biased variance; otherwise the running mean and variance given. Then scaled
    /// by weight [C] and shifted by bias [C] if given.
    /// </summary>
    public static Var BatchNorm(Var x, Var? runningMean, Var? runningVar, Var? weight, Var? bias, bool training, double eps, MistakeRule? mistake = null)
    {
        var X = x.Value;
        if (X.Rank < 2)
        {
            throw new ShapeException($"batch_norm: the input is [N, C] or [N, C, ...], not {Tensor.FormatShape(X.Shape)}");
        }
        var c = X.ShapeArray[1];
        int[] perChannel = [1, c, .. Enumerable.Repeat(1, X.Rank - 2)];
        Var? Channel(Var? v, string name)
        {
            if (v is null)
            {
                return null;
            }
            if (v.Value.Rank != 1 || v.Value.Size != c)
            {
                throw new ShapeException($"batch_norm: the {name} is [{c}] (one per channel), not {Tensor.FormatShape(v.Value.Shape)}");
            }
            return Reshape(v, perChannel);
        }
        var axes = Enumerable.Range(0, X.Rank).Where(a => a != 1).ToArray();
        Var normalised;
        if (training)
        {
            normalised = Normalised(x, axes, eps, mistake);
        }
        else
        {
            if (runningMean is null || runningVar is null)
            {
                throw new ShapeException("batch_norm: without training: true it needs the running mean and variance (batch_norm(x, running_mean, running_var, ...))");
            }
            normalised = Div(Sub(x, Channel(runningMean, "running mean")!), Sqrt(Add(Channel(runningVar, "running variance")!, Leaf(Tensor.Scalar(eps)))));
        }
        var w = Channel(weight, "weight");
        var b = Channel(bias, "bias");
        return Affine(normalised, w, b);
    }

    /// <summary>
    /// (x - mean) / sqrt(var + eps) over the axes, with the biased variance. A <see cref="NormRule"/> mistake takes the
    /// mean and variance as constants (no gradient through them), or divides the variance by N - 1.
    /// </summary>
    private static Var Normalised(Var x, int[] axes, double eps, MistakeRule? mistake = null)
    {
        var mean = MeanAxes(x, axes, keepdim: true);
        var centred = Sub(x, mean);
        Var variance = MeanAxes(Mul(centred, centred), axes, keepdim: true);
        if (mistake?.Find<NormRule>() is { Slip: NormSlip.UnbiasedVariance })
        {
            var n = axes.Aggregate(1, (p, a) => p * x.Value.Shape[a]);
            variance = Mul(variance, Leaf(Tensor.Scalar(n / Math.Max(1.0, n - 1))));
        }
        if (mistake?.Find<NormRule>() is { Slip: NormSlip.StatisticsConstant })
        {
            centred = Sub(x, Leaf(mean.Value));
            variance = Leaf(variance.Value);
        }
        return Div(centred, Sqrt(Add(variance, Leaf(Tensor.Scalar(eps)))));
    }

    private static Var Affine(Var x, Var? weight, Var? bias)
    {
        var y = weight is null ? x : Mul(x, weight);
        return bias is null ? y : Add(y, bias);
    }

    /// <summary>torch.zeros / torch.ones / torch.full: a constant of the shape.</summary>
    public static Var Full(IReadOnlyList<int> shape, double value) => Leaf(Tensor.Filled(shape, value));

    /// <summary>torch.linspace(start, end, steps): steps values from start to end, both included, as PyTorch spaces them.</summary>
    public static Var Linspace(double start, double end, int steps)
    {
        if (steps < 0)
        {
            throw new ShapeException($"linspace: steps is a whole number >= 0, not {steps}");
        }
        var y = new double[steps];
        if (steps == 1)
        {
            y[0] = start;
        }
        else if (steps > 1)
        {
            // PyTorch's kernel: the first half counts up from start, the second half down from end.
            var step = (end - start) / (steps - 1);
            var half = steps / 2;
            for (var i = 0; i < steps; i++)
            {
                y[i] = i < half ? start + step * i : end - step * (steps - 1 - i);
            }
        }
        return Leaf(new Tensor([steps], y));
    }

    /// <summary>torch.arange(start, end, step): start, start + step, ... while before end.</summary>
    public static Var Arange(double start, double end, double step)
    {
        if (step == 0 || double.IsNaN(step) || !double.IsFinite(start) || !double.IsFinite(end))
        {
            throw new ShapeException($"arange: the step is a nonzero number and the bounds finite (start {start}, end {end}, step {step})");
        }
        var n = Math.Max(0, (int)Math.Ceiling((end - start) / step));
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = start + i * step;
        }
        return Leaf(new Tensor([n], y));
    }
}
