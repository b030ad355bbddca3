using Grader.Engine;

namespace Grader.Problems.Expressions;

public static partial class Builtins
{
    /// <summary>
    /// The losses, linear algebra and tensor making a deep-learning course needs, each following PyTorch's definition
    /// (src/Grader.Problems/README.md, the conventions).
    /// </summary>
    private static IEnumerable<Builtin> Course =>
    [
        Def("cross_entropy(input, target)", "cross_entropy(logits, target): one loss per sample, as torch's F.cross_entropy(..., reduction='none'); the target holds class indices ([N], or a number for one sample) or probabilities shaped like the logits; wrap in mean(...) for PyTorch's default",
            a => Ops.CrossEntropy(a["input"], a["target"], a.Mistake)),
        Def("bce(input, target)", "bce(p, t): binary cross-entropy of probabilities, elementwise, logs clamped at -100 as in torch's F.binary_cross_entropy",
            a => Ops.Bce(a["input"], a["target"])),
        Def("bce_with_logits(input, target)", "bce_with_logits(z, t): binary cross-entropy from logits, elementwise and finite for any z (torch's F.binary_cross_entropy_with_logits)",
            a => Ops.BceWithLogits(a["input"], a["target"])),
        Def("one_hot(input, num_classes)", "one_hot(y, classes): class indices (any shape) as 0 and 1 along a new last axis of length classes",
            a => Ops.OneHot(a["input"], a.Int("num_classes", 0, 1))),
        Def("eye(n)", "eye(n): the n x n identity matrix", a => Ops.Eye(a.Int("n", 0, 1))),
        Def("diag(input)", "diag(v): the square matrix with v on its diagonal; diag(M): the diagonal of M", a => Ops.Diag(a["input"])),
        Def("inv(input)", "inv(A): the matrix inverse (A^-1 is elementwise: 1 / each element)", a => Ops.Inv(a["input"])),
        Def("det(input)", "det(A): the determinant of a square matrix", a => Ops.Det(a["input"])),
        Def("solve(A, B)", "solve(A, b): x with A @ x = b, for b a vector or a matrix (torch.linalg.solve)", a => Ops.Solve(a["A"], a["B"])),
        Def("argmax(input, axis=, keepdim=)", "argmax(x): the index of the first largest element of all (flattened); argmax(M, axis: 1): one per row",
            a => Ops.ArgExtreme(a["input"], true, a.Has("axis") ? a.Int("axis", 0) : null, a.Flag("keepdim", false))),
        Def("argmin(input, axis=, keepdim=)", "argmin(x): the index of the first smallest element; argmin(M, axis: 1): one per row",
            a => Ops.ArgExtreme(a["input"], false, a.Has("axis") ? a.Int("axis", 0) : null, a.Flag("keepdim", false))),
        Def("concat(input, *, axis=)", "concat(a, b, ...): vectors end to end, matrices stacked (axis 0) or side by side (concat(A, B, axis: 1)), any rank along axis:",
            a => Ops.Concat([a["input"], .. a.Rest.Select(Value)], a.Int("axis", 0))),
        Def("reshape(input, shape, *)", "reshape(x, [2, -1, 3]): the same values row by row under another shape; one dimension may be -1",
            a => Reshape(a["input"], [.. a.Ints("shape")!, .. a.Rest.Select(r => a.WholeNumber(Value(r), "a dimension", -1))])),
        Def("zeros(size, *)", "zeros([2, 3]) or zeros(2, 3): a constant of zeros", a => Ops.Full(Shape(a), 0)),
        Def("ones(size, *)", "ones([2, 3]) or ones(2, 3): a constant of ones", a => Ops.Full(Shape(a), 1)),
        Def("linspace(start, end, steps)", "linspace(0, 1, 5): steps values from start to end, both included",
            a => Ops.Linspace(a.Number("start", 0), a.Number("end", 0), a.Int("steps", 0, 0))),
        Def("arange(start, end=, step=)", "arange(n): 0, 1, ..., n - 1; arange(a, b) or arange(a, b, step): from a while before b",
            a => a.Has("end") ? Ops.Arange(a.Number("start", 0), a.Number("end", 0), a.Number("step", 1)) : Ops.Arange(0, a.Number("start", 0), a.Number("step", 1))),
    ];

    /// <summary>The layers of torch.nn.functional: convolutions, pooling and normalisation.</summary>
    private static IEnumerable<Builtin> Layers =>
    [
        Def("conv1d(input, weight, bias=, stride=, padding=, dilation=, groups=)", "conv1d(x, w, b, stride: 1, padding: 0, dilation: 1, groups: 1): x [N, C, L] or [C, L], w [F, C / groups, K], as F.conv1d (cross-correlation); with w [K] and x [L], or w [C, K] and x [C, L], one filter in valid mode",
            a => a["weight"].Value.Rank <= 2
                ? (a.Has("bias") || a.Has("padding") || a.Has("dilation") || a.Has("groups")
                    ? throw new ShapeException("conv1d with a one-filter weight ([K] or [C, K]) takes only stride:; for bias, padding, dilation or groups give w as [filters, channels, K]")
                    : Ops.Conv1d(a["input"], a["weight"], a.Int("stride", 1, 1)))
                : Conv(a, 1, "conv1d")),
        Def("conv2d(input, weight, bias=, stride=, padding=, dilation=, groups=)", "conv2d(x, w, b, stride: 1, padding: 0, dilation: 1, groups: 1): x [N, C, H, W] or [C, H, W], w [F, C / groups, kH, kW], as F.conv2d (cross-correlation)",
            a => Conv(a, 2, "conv2d")),
        Def("max_pool1d(input, kernel_size, stride=, padding=, dilation=)", "max_pool1d(x, k, stride: k, padding: 0): x [N, C, L] or [C, L]; a tie sends the gradient to the first maximum",
            a => Pool(a, 1, true, "max_pool1d")),
        Def("max_pool2d(input, kernel_size, stride=, padding=, dilation=)", "max_pool2d(x, k, stride: k, padding: 0): x [N, C, H, W] or [C, H, W]; a tie sends the gradient to the first maximum in row-major order",
            a => Pool(a, 2, true, "max_pool2d")),
        Def("avg_pool1d(input, kernel_size, stride=, padding=)", "avg_pool1d(x, k, stride: k, padding: 0): the mean of each window (padding counted)",
            a => Pool(a, 1, false, "avg_pool1d")),
        Def("avg_pool2d(input, kernel_size, stride=, padding=)", "avg_pool2d(x, k, stride: k, padding: 0): the mean of each window (padding counted)",
            a => Pool(a, 2, false, "avg_pool2d")),
        Def("layer_norm(input, normalized_shape, weight=, bias=, eps=)", "layer_norm(x, [d], w, b, eps: 1e-5): normalised over the last axes, as F.layer_norm",
            a => Ops.LayerNorm(a["input"], a.Ints("normalized_shape", 1)!, a.Tensor("weight"), a.Tensor("bias"), a.Number("eps", 1e-5), a.Mistake)),
        Def("batch_norm(input, running_mean=, running_var=, weight=, bias=, training=, momentum=, eps=)", "batch_norm(x, weight: g, bias: b): per channel over the batch (and H, W), with the batch's statistics; with running_mean and running_var (and no training: true), with those",
            a => Ops.BatchNorm(a["input"], a.Tensor("running_mean"), a.Tensor("running_var"), a.Tensor("weight"), a.Tensor("bias"),
                a.Flag("training", !a.Has("running_mean") && !a.Has("running_var")), a.Number("eps", 1e-5), a.Mistake)),
    ];

    private static Var Conv(BuiltinArgs a, int axes, string op)
    {
        var w = Window.Of(axes, a.Ints("stride", 1) ?? [1], a.Ints("padding", 0) ?? [0], a.Ints("dilation", 1) ?? [1], op);
        // Its work is charged with the call (CostCheck.ConvWork).
        return Ops.Conv(a["input"], a["weight"], a.Tensor("bias"), w, a.Int("groups", 1, 1), op, a.Mistake);
    }

    private static Var Pool(BuiltinArgs a, int axes, bool max, string op)
    {
        var kernel = Window.PerAxis(a.Ints("kernel_size", 1)!, axes, "kernel_size", op, 1);
        var stride = a.Ints("stride", 1) ?? kernel;
        var w = Window.Of(axes, stride, a.Ints("padding", 0) ?? [0], max ? a.Ints("dilation", 1) ?? [1] : [1], op);
        a.Charge(a["input"].Value.Size * (long)kernel.Aggregate(1, (p, k) => p * k));
        return Ops.Pool(a["input"], kernel, w, max, op, a.Mistake);
    }

    private static int[] Shape(BuiltinArgs a)
    {
        int[] shape = [.. a.Ints("size", 0)!, .. a.Rest.Select(r => a.WholeNumber(Value(r), "a dimension", 0))];
        if (shape.Length > Tensor.MaxRank)
        {
            throw new ShapeException($"a value has at most {Tensor.MaxRank} axes; shape {Tensor.FormatShape(shape)} has {shape.Length}");
        }
        a.CheckElements(CostCheck.Elements(shape), "a constant");
        return shape;
    }

    private static Var Reshape(Var x, int[] dims)
    {
        if (dims.Count(d => d == -1) > 1 || dims.Any(d => d < -1))
        {
            throw new ShapeException($"reshape: the shape is whole numbers, one of which may be -1, not {Tensor.FormatShape(dims)}");
        }
        var known = dims.Where(d => d >= 0).Aggregate(1L, (p, d) => p * d);
        var ints = dims.Select(d => d == -1 && known > 0 ? x.Value.Size / known : d).ToArray();
        if (ints.Aggregate(1L, (p, d) => p * d) != x.Value.Size || (dims.Contains(-1) && (known == 0 || x.Value.Size % known != 0)))
        {
            throw new ShapeException($"reshape: {x.Value.Size} values do not fit shape {Tensor.FormatShape(dims)}");
        }
        return Ops.Reshape(x, ints.Select(d => (int)d).ToArray());
    }
}
