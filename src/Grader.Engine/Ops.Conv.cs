namespace Grader.Engine;

/// <summary>
/// The geometry of a convolution or pooling over one or two spatial axes: stride, padding and dilation per axis, as
/// torch.nn.functional takes them. A one-axis op is computed as a two-axis one whose first spatial axis has length 1.
/// </summary>
public sealed record Window(int[] Stride, int[] Padding, int[] Dilation)
{
    /// <summary>The window of a d-axis op, each setting given once (for every axis) or once per axis.</summary>
    public static Window Of(int axes, IReadOnlyList<int> stride, IReadOnlyList<int> padding, IReadOnlyList<int> dilation, string op) =>
        new(PerAxis(stride, axes, "stride", op, 1), PerAxis(padding, axes, "padding", op, 0), PerAxis(dilation, axes, "dilation", op, 1));

    public static int[] PerAxis(IReadOnlyList<int> values, int axes, string what, string op, int min)
    {
        var v = values.Count == 1 ? Enumerable.Repeat(values[0], axes).ToArray() : values.ToArray();
        if (v.Length != axes)
        {
            throw new ShapeException($"{op}: {what} is one number or {axes} (one per spatial axis), not {values.Count}");
        }
        if (v.Any(x => x < min))
        {
            throw new ShapeException($"{op}: {what} is a whole number >= {min}, not {string.Join(", ", v)}");
        }
        return v;
    }

    /// <summary>The output length along axis i for an input of <paramref name="length"/> and a kernel of <paramref name="kernel"/>.</summary>
    public int Out(int i, int length, int kernel) => (length + 2 * Padding[i] - Dilation[i] * (kernel - 1) - 1) / Stride[i] + 1;
}

public static partial class Ops
{
    /// <summary>
    /// The one-filter conv1d of earlier specs: x [L] with w [K], or x [C, L] with w [C, K] (summing over the channels),
    /// valid mode with a stride; the result has floor((L - K) / stride) + 1 values.
    /// </summary>
    public static Var Conv1d(Var x, Var w, int stride = 1)
    {
        var X = x.Value;
        var W = w.Value;
        if (X.Rank != W.Rank || X.Rank is not (1 or 2) || (X.Rank == 2 && X.Rows != W.Rows))
        {
            throw new ShapeException($"conv1d({Tensor.FormatShape(X.Shape)}, {Tensor.FormatShape(W.Shape)}): x [L] with w [K], or x [channels, L] with w [channels, K] (one filter); for several filters, w is [filters, channels, K] and x [N, channels, L] or [channels, L]");
        }
        int channels = X.Rank == 2 ? X.Rows : 1, length = X.Shape[^1], width = W.Shape[^1];
        if (width == 0 || width > length)
        {
            throw new ShapeException($"conv1d: the filter has {width} taps but the input only {length} values (valid mode needs 1 <= K <= L)");
        }
        var y = Conv(Reshape(x, [1, channels, length]), Reshape(w, [1, channels, width]), null, Window.Of(1, [stride], [0], [1], "conv1d"), 1, "conv1d");
        return Reshape(y, [y.Value.Shape[^1]]);
    }

    /// <summary>
    /// torch.nn.functional.conv1d / conv2d: cross-correlation (the kernel is not flipped) of x [N, C, ...] (or one
    /// sample [C, ...]) with w [F, C / groups, k...], plus a bias [F] if given, with stride, zero padding, dilation and
    /// groups. The result is [N, F, out...] (or [F, out...]).
    /// </summary>
    public static Var Conv(Var x, Var w, Var? bias, Window window, int groups, string op, MistakeRule? mistake = null)
    {
        // A student who forgot the bias computes the layer without it (a BiasInputRule).
        bias = bias is not null && mistake?.Find<BiasInputRule>() is not null ? Mul(bias, Var.Leaf(Tensor.Scalar(0))) : bias;
        if (mistake?.Find<ConvFlippedRule>() is not null && w.Value.Rank >= 3)
        {
            // A true convolution: the kernel reversed along each spatial axis (the gradient reaches w through the flip).
            var flipped = w;
            for (var axis = 2; axis < w.Value.Rank; axis++)
            {
                var reversed = Enumerable.Range(0, w.Value.Shape[axis]).Reverse().Select(i => (double)i).ToArray();
                var selectors = Enumerable.Range(0, axis).Select(_ => AxisSelector.Range(null, null)).Append(AxisSelector.Take(Tensor.Vector(reversed))).ToList();
                flipped = Slice(flipped, selectors);
            }
            w = flipped;
        }
        var axes = window.Stride.Length;
        var X = x.Value;
        var W = w.Value;
        var batched = X.Rank == axes + 2;
        if (!batched && X.Rank != axes + 1)
        {
            throw new ShapeException($"{op}: the input is [N, channels, {Spatial(axes)}] or one sample [channels, {Spatial(axes)}], not {Tensor.FormatShape(X.Shape)}");
        }
        if (W.Rank != axes + 2)
        {
            throw new ShapeException($"{op}: the weight is [filters, channels / groups, {Spatial(axes, "k")}], not {Tensor.FormatShape(W.Shape)}");
        }
        if (groups < 1)
        {
            throw new ShapeException($"{op}: groups is a whole number >= 1, not {groups}");
        }
        var xs = X.ShapeArray;
        int n = batched ? xs[0] : 1, c = xs[batched ? 1 : 0], f = W.ShapeArray[0], cg = W.ShapeArray[1];
        if (c != cg * groups || f % groups != 0)
        {
            throw new ShapeException($"{op}: the input has {c} channels; with groups {groups} the weight {Tensor.FormatShape(W.Shape)} needs {c} / {groups} channels per filter"
                + (f % groups != 0 ? $" and a number of filters divisible by {groups}" : ""));
        }
        if (bias is not null && (bias.Value.Rank != 1 || bias.Value.Size != f))
        {
            throw new ShapeException($"{op}: the bias is [{f}] (one per filter), not {Tensor.FormatShape(bias.Value.Shape)}");
        }
        int h = axes == 2 ? xs[^2] : 1, wd = xs[^1], kh = axes == 2 ? W.ShapeArray[^2] : 1, kw = W.ShapeArray[^1];
        var win = axes == 2 ? window : new Window([1, .. window.Stride], [0, .. window.Padding], [1, .. window.Dilation]);
        int oh = win.Out(0, h, kh), ow = win.Out(1, wd, kw);
        if (oh < 1 || ow < 1)
        {
            throw new ShapeException($"{op}: the kernel {Spatial(axes, "", kh, kw)} (dilated) is larger than the padded input {Spatial(axes, "", h + 2 * win.Padding[0], wd + 2 * win.Padding[1])}");
        }
        var fg = f / groups;
        var xv = X.Values;
        var wv = W.Values;
        // For each output position, the input element each kernel tap reads (-1 in the padding).
        var taps = Taps(win, h, wd, kh, kw, oh, ow);
        int positions = oh * ow, rows = cg * kh * kw;
        // im2col: for one sample and group, the columns [C/groups * kH * kW, positions] that each filter's row of
        // weights multiplies; the products are then matrix products, walked as vectors (Gemm).
        double[] Columns(int s, int grp)
        {
            var col = new double[rows * positions];
            for (var ci = 0; ci < cg; ci++)
            {
                var xOff = (s * c + grp * cg + ci) * h * wd;
                for (var t = 0; t < kh * kw; t++)
                {
                    var row = (ci * kh * kw + t) * positions;
                    for (var p = 0; p < positions; p++)
                    {
                        var at = taps[p * kh * kw + t];
                        col[row + p] = at >= 0 ? xv[xOff + at] : 0;
                    }
                }
            }
            return col;
        }
        var y = new double[n * f * positions];
        // The columns are kept for the weights' gradient, which multiplies by them again.
        var columns = new double[n * groups][];
        for (var s = 0; s < n; s++)
        {
            for (var grp = 0; grp < groups; grp++)
            {
                var col = columns[s * groups + grp] = Columns(s, grp);
                var yOff = (s * f + grp * fg) * positions;
                Gemm(wv.AsSpan(grp * fg * rows, fg * rows), col, y.AsSpan(yOff, fg * positions), fg, rows, positions);
            }
            if (bias is not null)
            {
                for (var o = 0; o < f; o++)
                {
                    var bo = bias.Value[o];
                    var span = y.AsSpan((s * f + o) * positions, positions);
                    for (var p = 0; p < positions; p++)
                    {
                        span[p] += bo;
                    }
                }
            }
        }
        int[] shape = axes == 2 ? [oh, ow] : [ow];
        shape = batched ? [n, f, .. shape] : [f, .. shape];
        Var[] inputs = bias is null ? [x, w] : [x, w, bias];
        return Make(op, new Tensor(shape, y), inputs, (g, _, _, pass) =>
        {
            var gx = new double[X.Size];
            var gw = new double[W.Size];
            var gb = new double[f];
            bool needX = pass.InputNeeded(0), needW = pass.InputNeeded(1);
            var gv = g.Values;
            var wt = new double[rows * fg];
            var gcol = new double[rows * positions];
            for (var s = 0; s < n; s++)
            {
                for (var o = 0; o < f; o++)
                {
                    var span = gv.AsSpan((s * f + o) * positions, positions);
                    foreach (var v in span)
                    {
                        gb[o] += v;
                    }
                }
                for (var grp = 0; grp < groups; grp++)
                {
                    var gOut = gv.AsSpan((s * f + grp * fg) * positions, fg * positions);
                    if (needW)
                    {
                        // dW[group] += G [F/groups, positions] @ columns^T [positions, rows]
                        GemmTransposedB(gOut, columns[s * groups + grp], gw.AsSpan(grp * fg * rows, fg * rows), fg, positions, rows);
                    }
                    if (needX)
                    {
                        // dcolumns = W[group]^T [rows, F/groups] @ G; then each column entry back to the input it came from.
                        TransposeInto(wv.AsSpan(grp * fg * rows, fg * rows), wt, fg, rows);
                        Array.Clear(gcol);
                        Gemm(wt, gOut, gcol, rows, fg, positions);
                        for (var ci = 0; ci < cg; ci++)
                        {
                            var xOff = (s * c + grp * cg + ci) * h * wd;
                            for (var t = 0; t < kh * kw; t++)
                            {
                                var row = (ci * kh * kw + t) * positions;
                                for (var p = 0; p < positions; p++)
                                {
                                    var at = taps[p * kh * kw + t];
                                    if (at >= 0)
                                    {
                                        gx[xOff + at] += gcol[row + p];
                                    }
                                }
                            }
                        }
                    }
                }
            }
            Tensor[] grads = [new Tensor(X.ShapeArray, gx), new Tensor(W.ShapeArray, gw)];
            return bias is null ? grads : [.. grads, new Tensor([f], gb)];
        });
    }

    /// <summary>c += a @ b^T for row-major a [m, k] and b [n, k]: each element a dot product of two rows, walked as vectors.</summary>
    private static void GemmTransposedB(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n)
    {
        var width = System.Numerics.Vector<double>.Count;
        for (var i = 0; i < m; i++)
        {
            var arow = a.Slice(i * k, k);
            for (var j = 0; j < n; j++)
            {
                var brow = b.Slice(j * k, k);
                var p = 0;
                var acc = System.Numerics.Vector<double>.Zero;
                if (System.Numerics.Vector.IsHardwareAccelerated)
                {
                    for (; p <= k - width; p += width)
                    {
                        acc += new System.Numerics.Vector<double>(arow[p..]) * new System.Numerics.Vector<double>(brow[p..]);
                    }
                }
                var sum = System.Numerics.Vector.Sum(acc);
                for (; p < k; p++)
                {
                    sum += arow[p] * brow[p];
                }
                c[i * n + j] += sum;
            }
        }
    }

    /// <summary>For each output position and kernel tap (row-major), the input offset within one channel it reads, or -1 in the padding.</summary>
    private static int[] Taps(Window win, int h, int wd, int kh, int kw, int oh, int ow)
    {
        var taps = new int[oh * ow * kh * kw];
        for (var i = 0; i < oh; i++)
        {
            for (var j = 0; j < ow; j++)
            {
                for (var a = 0; a < kh; a++)
                {
                    for (var b = 0; b < kw; b++)
                    {
                        int r = i * win.Stride[0] - win.Padding[0] + a * win.Dilation[0], q = j * win.Stride[1] - win.Padding[1] + b * win.Dilation[1];
                        taps[((i * ow + j) * kh + a) * kw + b] = r >= 0 && r < h && q >= 0 && q < wd ? r * wd + q : -1;
                    }
                }
            }
        }
        return taps;
    }

    /// <summary>
    /// torch.nn.functional.max_pool1d / max_pool2d and avg_pool1d / avg_pool2d over x [N, C, ...] or [C, ...]. A max
    /// pool pads with -infinity and sends the whole gradient to the first maximum of the window in row-major order, as
    /// PyTorch does (a NaN counts as the maximum); an average pool pads with zeros and divides by the whole window
    /// (count_include_pad). With a one-sided derivative, the first (left) or last (right) tie takes the gradient.
    /// </summary>
    public static Var Pool(Var x, int[] kernel, Window window, bool max, string op, MistakeRule? mistake = null)
    {
        var slip = max ? mistake?.Find<PoolGradientRule>() : null;
        var axes = kernel.Length;
        var X = x.Value;
        if (X.Rank != axes + 1 && X.Rank != axes + 2)
        {
            throw new ShapeException($"{op}: the input is [N, channels, {Spatial(axes)}] or [channels, {Spatial(axes)}], not {Tensor.FormatShape(X.Shape)}");
        }
        if (kernel.Any(k => k < 1))
        {
            throw new ShapeException($"{op}: the kernel size is a whole number >= 1, not {string.Join(", ", kernel)}");
        }
        for (var i = 0; i < axes; i++)
        {
            if (window.Padding[i] * 2 > kernel[i])
            {
                throw new ShapeException($"{op}: padding {window.Padding[i]} is more than half the kernel {kernel[i]} (PyTorch refuses it)");
            }
        }
        var xs = X.ShapeArray;
        int planes = X.Size / Math.Max(1, xs[^axes..].Aggregate(1, (p, d) => p * d));
        int h = axes == 2 ? xs[^2] : 1, wd = xs[^1], kh = axes == 2 ? kernel[0] : 1, kw = kernel[^1];
        var win = axes == 2 ? window : new Window([1, .. window.Stride], [0, .. window.Padding], [1, .. window.Dilation]);
        int oh = win.Out(0, h, kh), ow = win.Out(1, wd, kw);
        if (oh < 1 || ow < 1)
        {
            throw new ShapeException($"{op}: the window {Spatial(axes, "", kh, kw)} is larger than the padded input {Spatial(axes, "", h + 2 * win.Padding[0], wd + 2 * win.Padding[1])}");
        }
        var taps = Taps(win, h, wd, kh, kw, oh, ow);
        var area = kh * kw;
        var y = new double[planes * oh * ow];
        var xv = X.Values;
        for (var pl = 0; pl < planes; pl++)
        {
            for (var p = 0; p < oh * ow; p++)
            {
                var best = max ? double.NegativeInfinity : 0.0;
                for (var t = 0; t < area; t++)
                {
                    var at = taps[p * area + t];
                    if (at < 0)
                    {
                        continue;
                    }
                    var v = xv[pl * h * wd + at];
                    if (!max)
                    {
                        best += v;
                    }
                    else if (v > best || double.IsNaN(v))
                    {
                        best = v;
                        if (double.IsNaN(v))
                        {
                            break;
                        }
                    }
                }
                y[pl * oh * ow + p] = max ? best : best / area;
            }
        }
        int[] shape = [.. xs[..^axes], .. (axes == 2 ? new[] { oh, ow } : [ow])];
        return Make(op, new Tensor(shape, y), [x], (g, _, _, pass) =>
        {
            var gx = new double[X.Size];
            for (var pl = 0; pl < planes; pl++)
            {
                for (var p = 0; p < oh * ow; p++)
                {
                    var gp = g[pl * oh * ow + p];
                    if (!max)
                    {
                        for (var t = 0; t < area; t++)
                        {
                            var at = taps[p * area + t];
                            if (at >= 0)
                            {
                                gx[pl * h * wd + at] += gp / area;
                            }
                        }
                        continue;
                    }
                    var best = y[pl * oh * ow + p];
                    if (slip is not null)
                    {
                        // The mistake: every tied maximum (or every element of the window) gets the whole gradient.
                        for (var t = 0; t < area; t++)
                        {
                            var at = taps[p * area + t];
                            if (at >= 0 && (slip.WholeWindow || SameValue(xv[pl * h * wd + at], best)))
                            {
                                gx[pl * h * wd + at] += gp;
                            }
                        }
                        continue;
                    }
                    var chosen = -1;
                    for (var t = 0; t < area; t++)
                    {
                        var at = taps[p * area + t];
                        if (at >= 0 && SameValue(xv[pl * h * wd + at], best))
                        {
                            chosen = at;
                            if (pass.Kinks != KinkSide.Right)
                            {
                                break;
                            }
                        }
                    }
                    if (chosen >= 0)
                    {
                        gx[pl * h * wd + chosen] += gp;
                    }
                }
            }
            return [new Tensor(X.ShapeArray, gx)];
        });
    }

    private static string Spatial(int axes, string prefix = "", int a = -1, int b = -1) =>
        a < 0 ? (axes == 2 ? $"{prefix}H, {prefix}W" : $"{prefix}L") : (axes == 2 ? $"{a} x {b}" : $"{b}");
}
