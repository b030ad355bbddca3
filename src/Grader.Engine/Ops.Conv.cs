namespace Grader.Engine;

public static partial class Ops
{
    /// <summary>
    /// torch.nn.functional.conv1d in valid mode (no padding) with a stride: cross-correlation, not flipped.
    /// One channel: x [L] and w [K] give y[i] = sum_k x[i s + k] w[k]. Several input channels: x [C, L] and w [C, K]
    /// (one filter) sum over the channels too. The output has floor((L - K) / s) + 1 values.
    /// </summary>
    public static Var Conv1d(Var x, Var w, int stride = 1)
    {
        var X = x.Value;
        var W = w.Value;
        if (X.Rank != W.Rank || X.Rank is not (1 or 2) || (X.Rank == 2 && X.Rows != W.Rows))
        {
            throw new ShapeException($"conv1d({Tensor.FormatShape(X.Shape)}, {Tensor.FormatShape(W.Shape)}): x [L] with w [K], or x [channels, L] with w [channels, K]");
        }
        if (stride < 1)
        {
            throw new ShapeException($"conv1d: the stride is a whole number >= 1, not {stride}");
        }
        int channels = X.Rank == 2 ? X.Rows : 1, length = X.Shape[^1], width = W.Shape[^1];
        if (width == 0 || width > length)
        {
            throw new ShapeException($"conv1d: the filter has {width} taps but the input only {length} values (valid mode needs 1 <= K <= L)");
        }
        var n = (length - width) / stride + 1;
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var c = 0; c < channels; c++)
            {
                for (var k = 0; k < width; k++)
                {
                    y[i] += X[c * length + i * stride + k] * W[c * width + k];
                }
            }
        }
        return Make("conv1d", new Tensor([n], y), [x, w], (g, _, _) =>
        {
            var gx = new double[X.Size];
            var gw = new double[W.Size];
            for (var i = 0; i < n; i++)
            {
                for (var c = 0; c < channels; c++)
                {
                    for (var k = 0; k < width; k++)
                    {
                        gx[c * length + i * stride + k] += g[i] * W[c * width + k];
                        gw[c * width + k] += g[i] * X[c * length + i * stride + k];
                    }
                }
            }
            return [new Tensor(X.ShapeArray, gx), new Tensor(W.ShapeArray, gw)];
        });
    }
}
