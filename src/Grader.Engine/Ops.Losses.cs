namespace Grader.Engine;

/// <summary>
/// Losses as torch.nn.functional defines them, each giving one value per sample (PyTorch's reduction='none'):
/// a spec or network block reduces them with sum or mean.
/// </summary>
public static partial class Ops
{
    /// <summary>
    /// torch.nn.functional.cross_entropy(logits, target, reduction='none'). Logits are [C] for one sample or [N, C];
    /// the target is either class indices (a whole number for one sample, [N] for N samples) or class probabilities
    /// shaped like the logits. The result is a scalar for one sample, else [N].
    /// </summary>
    public static Var CrossEntropy(Var logits, Var target, MistakeRule? mistake = null)
    {
        var Z = logits.Value;
        var T = target.Value;
        if (Z.Rank is not (1 or 2) || Z.Shape[^1] == 0)
        {
            throw new ShapeException($"cross_entropy needs logits shaped [classes] or [samples, classes], got {Tensor.FormatShape(Z.Shape)}");
        }
        int classes = Z.Shape[^1], rows = Z.Rank == 2 ? Z.Rows : 1;
        var indices = T.Rank == Z.Rank - 1 && (Z.Rank == 1 || T.Size == rows);
        if (!indices && !T.SameShape(Z))
        {
            throw new ShapeException($"cross_entropy: the target {Tensor.FormatShape(T.Shape)} fits neither the logits {Tensor.FormatShape(Z.Shape)} as class indices "
                + $"({(Z.Rank == 1 ? "[]" : $"[{rows}]")}) nor as class probabilities ({Tensor.FormatShape(Z.Shape)})");
        }
        var probs = new double[Z.Size];
        var loss = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var row = Z.Values.AsSpan(i * classes, classes);
            var lse = LogSumExp(row);
            if (indices)
            {
                var y = T[i];
                if (y != Math.Floor(y) || y < 0 || y >= classes)
                {
                    throw new ShapeException($"cross_entropy: class index {Tensor.FormatNumber(y)} (sample {i}) is not a whole number in 0..{classes - 1}");
                }
                loss[i] = lse - row[(int)y];
            }
            else
            {
                for (var j = 0; j < classes; j++)
                {
                    var t = T[i * classes + j];
                    loss[i] -= t == 0 ? 0 : t * (row[j] - lse);
                }
            }
            for (var j = 0; j < classes; j++)
            {
                probs[i * classes + j] = Math.Exp(row[j] - lse);
            }
        }
        int[] shape = Z.Rank == 1 ? [] : [rows];
        var withoutTarget = mistake?.Find<CrossEntropyTargetRule>() is not null;
        return Make("cross_entropy", new Tensor(shape, loss), [logits, target], (g, _, _, _) =>
        {
            var gz = new double[Z.Size];
            var gt = new double[T.Size];
            for (var i = 0; i < rows; i++)
            {
                var gi = g[i];
                var mass = indices ? 1 : Enumerable.Range(0, classes).Sum(j => T[i * classes + j]);
                for (var j = 0; j < classes; j++)
                {
                    var k = i * classes + j;
                    var t = indices ? (T[i] == j ? 1 : 0) : T[k];
                    gz[k] = gi * (probs[k] * mass - (withoutTarget ? 0 : t));
                    if (!indices)
                    {
                        // d/dt of -t * log_softmax(z): class indices get no gradient, as in PyTorch.
                        gt[k] = -gi * Math.Log(probs[k]);
                    }
                }
            }
            return [new Tensor(Z.ShapeArray, gz), new Tensor(T.ShapeArray, gt)];
        });
    }

    /// <summary>
    /// binary_cross_entropy_with_logits(z, t, reduction='none'): max(z, 0) - z t + log(1 + exp(-|z|)) elementwise,
    /// finite for any logit (about 40 at z = 40, t = 0).
    /// </summary>
    public static Var BceWithLogits(Var z, Var t) => Binary("bce_with_logits", z, t,
        (x, y) => Math.Max(x, 0) - x * y + Math.Log(1 + Math.Exp(-Math.Abs(x))),
        (x, y, _, _) => Sigmoid(x) - y,
        (x, _, _, _) => -x);

    /// <summary>
    /// binary_cross_entropy(p, t, reduction='none'): -(t log p + (1 - t) log(1 - p)) with each log clamped at -100 and
    /// the gradient (p - t) / max(p (1 - p), 1e-12), as PyTorch computes them (its 1e-12 is a float32 constant).
    /// </summary>
    public static Var Bce(Var p, Var t) => Binary("bce", p, t,
        (x, y) => -(y * Math.Max(Math.Log(x), -100) + (1 - y) * Math.Max(Math.Log(1 - x), -100)),
        (x, y, _, _) => (x - y) / Math.Max(x * (1 - x), (double)1e-12f),
        (x, _, _, _) => Math.Max(Math.Log(1 - x), -100) - Math.Max(Math.Log(x), -100));

    private static double LogSumExp(ReadOnlySpan<double> row)
    {
        var m = double.NegativeInfinity;
        foreach (var x in row)
        {
            m = double.IsNaN(x) || x > m ? x : m;
        }
        if (double.IsNaN(m) || double.IsInfinity(m))
        {
            return m;
        }
        var s = 0.0;
        foreach (var x in row)
        {
            s += Math.Exp(x - m);
        }
        return m + Math.Log(s);
    }
}
