using Grader.Engine;

namespace Grader.Problems.Expressions;

/// <summary>
/// The built-in functions of the expression language with their arities. grad, jacobian, normal and uniform
/// are listed here for name checks but evaluated by <see cref="Evaluator"/>, since they need the unevaluated arguments or a seed.
/// </summary>
public static partial class Builtins
{
    public sealed record Builtin(string Name, int MinArgs, int MaxArgs, string Usage, Func<Var[], Var>? Apply);

    private static Builtin F1(string name, Func<Var, Var> f, string usage) => new(name, 1, 1, usage, a => f(a[0]));

    public static readonly IReadOnlyDictionary<string, Builtin> All = new Builtin[]
    {
        F1("sigmoid", Ops.Sigmoid, "sigmoid(x): 1 / (1 + exp(-x)) elementwise"),
        F1("relu", Ops.Relu, "relu(x): max(x, 0) elementwise; relu'(0) = 0"),
        F1("tanh", Ops.Tanh, "tanh(x) elementwise"),
        F1("exp", Ops.Exp, "exp(x) elementwise"),
        F1("log", Ops.Log, "log(x): natural logarithm, elementwise"),
        F1("abs", Ops.Abs, "abs(x) elementwise; abs'(0) = 0"),
        F1("sqrt", Ops.Sqrt, "sqrt(x) elementwise"),
        F1("sign", Ops.Sign, "sign(x): -1, 0 or 1 elementwise (gradient 0)"),
        F1("softmax", Ops.Softmax, "softmax(x): over the last axis (each row of a matrix)"),
        F1("log_softmax", Ops.LogSoftmax, "log_softmax(x): log(softmax(x)), computed stably"),
        F1("transpose", Ops.Transpose, "transpose(M)"),
        F1("augment", Ops.Augment, "augment(M): prepends a column of ones (augment(v) prepends a 1)"),
        F1("norm", Ops.Norm, "norm(x): the L2 norm of all elements"),
        new("sum", 1, 2, "sum(x) of all elements, or sum(M, axis): axis 0 gives one value per column, 1 one per row",
            a => a.Length == 1 ? Ops.Sum(a[0]) : Ops.SumAxis(a[0], AxisOf(a[1]))),
        new("mean", 1, 2, "mean(x) of all elements, or mean(M, axis)",
            a => a.Length == 1 ? Ops.Mean(a[0]) : Ops.MeanAxis(a[0], AxisOf(a[1]))),
        new("max", 1, 2, "max(v): the largest element; max(a, b): elementwise (ties split the gradient)",
            a => a.Length == 1 ? Ops.Max(a[0]) : Ops.Maximum(a[0], a[1])),
        new("min", 1, 2, "min(v): the smallest element; min(a, b): elementwise",
            a => a.Length == 1 ? Ops.Min(a[0]) : Ops.Minimum(a[0], a[1])),
        new("rowsum", 1, 1, "rowsum(x): the sum over the last axis, one value per row of a matrix (a vector gives a scalar)",
            a => a[0].Value.Rank == 2 ? Ops.SumAxis(a[0], 1) : Ops.Sum(a[0])),
        new("dot", 2, 2, "dot(u, v): the dot product of two vectors", a => Ops.Dot(a[0], a[1])),
        new("outer", 2, 2, "outer(u, v): [m] and [n] give the [m, n] matrix u_i v_j", a => Ops.Outer(a[0], a[1])),
        new("dense", 3, 3, "dense(x, W, b): a dense layer, W @ x + b for one sample, X @ transpose(W) + b for rows of samples; one unit gives one number per sample",
            a => Dense(a[0], a[1], a[2])),
        new("grad", 2, 2, "grad(scalar, x) or grad(scalar, [x, y]): shaped like x; for a list, the gradients flattened and joined", null),
        new("jacobian", 2, 2, "jacobian(vector, x): rows = outputs, columns = the elements of x (or of [x, y], joined)", null),
        new("normal", 3, 3, "normal(mean, std, shape): random normal values, shape [] for a scalar, [n] or [r, c]", null),
        new("uniform", 3, 3, "uniform(low, high, shape): random uniform values in [low, high)", null),
    }.Concat(Course).ToDictionary(b => b.Name, StringComparer.Ordinal);

    private static int AxisOf(Var v)
    {
        var x = v.Value.Size == 1 ? v.Value[0] : double.NaN;
        return x is 0 or 1 ? (int)x : throw new ShapeException($"the axis is 0 or 1, not {v.Value}");
    }

    /// <summary>A dense layer; a one-unit layer gives one number per sample rather than a column.</summary>
    public static Var Dense(Var x, Var w, Var b)
    {
        var W = w.Value.Rank == 1 ? Ops.Reshape(w, [1, w.Value.Size]) : w;
        if (W.Value.Rank != 2)
        {
            throw new ShapeException($"dense: the weights are shaped [units, inputs], got {Tensor.FormatShape(w.Value.Shape)}");
        }
        // A student who forgot the bias input computes the layer without b (the mistake diagnosis asks for it).
        b = Ops.ActiveMistake is BiasInputRule ? Ops.Mul(b, Var.Leaf(Tensor.Scalar(0))) : b;
        var units = W.Value.Rows;
        var a = x.Value.Rank switch
        {
            0 => Ops.Add(Ops.Mul(Ops.Reshape(W, [units * W.Value.Cols]), x), b),
            1 => Ops.Add(Ops.MatMul(W, x), b),
            _ => Ops.Add(Ops.MatMul(x, Ops.Transpose(W)), b),
        };
        if (units == 1 && a.Value.Rank >= 1 && a.Value.Shape[^1] == 1)
        {
            int[] squeezed = a.Value.Rank == 2 ? [a.Value.Rows] : [];
            return Ops.Reshape(a, squeezed);
        }
        return a;
    }

    /// <summary>Names of all functions, for did-you-mean suggestions.</summary>
    public static IEnumerable<string> Names => All.Keys;
}
