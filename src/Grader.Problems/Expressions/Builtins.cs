using Grader.Engine;

namespace Grader.Problems.Expressions;

/// <summary>
/// The built-in functions of the expression language, each with its parameters as PyTorch names and orders them
/// (<c>torch</c> and <c>torch.nn.functional</c>, float64): an argument is given by position or by name, and a
/// parameter written <c>name=</c> may be left out. grad, jacobian, normal, uniform and randint are listed here for name
/// checks but evaluated by <see cref="Evaluator"/>, since they need the unevaluated arguments or a seed.
/// </summary>
public static partial class Builtins
{
    /// <summary>A parameter; one after <c>*</c> in the signature is given by name only (<c>concat(a, b, axis: 1)</c>).</summary>
    public sealed record Parameter(string Name, bool Optional, bool KeywordOnly = false);

    /// <summary>A built-in: its parameters, whether it takes any number of positional values after them, its usage line, and its computation.</summary>
    public sealed record Builtin(string Name, IReadOnlyList<Parameter> Parameters, bool Variadic, string Usage, Func<BuiltinArgs, Var>? Apply)
    {
        public int MinArgs => Parameters.Count(p => !p.Optional);

        public int MaxArgs => Variadic ? 64 : Parameters.Count(p => !p.KeywordOnly);

        /// <summary>Names an argument may be given by (<c>dim</c> is read as <c>axis</c>).</summary>
        public IEnumerable<string> Keywords => Parameters.Select(p => p.Name).Concat(Parameters.Any(p => p.Name == "axis") ? ["dim"] : []);
    }

    /// <summary>
    /// Declares a built-in from its signature, e.g. <c>sum(input, axis=, keepdim=)</c>; <c>*</c> takes any number of
    /// positional values more, and the parameters after it are given by name only.
    /// </summary>
    private static Builtin Def(string signature, string usage, Func<BuiltinArgs, Var>? apply)
    {
        var open = signature.IndexOf('(');
        var name = signature[..open];
        var inner = signature[(open + 1)..^1];
        var parts = inner.Length == 0 ? [] : inner.Split(',', StringSplitOptions.TrimEntries);
        var star = Array.IndexOf(parts, "*");
        var ps = parts.Where(p => p != "*").Select((p, i) => new Parameter(p.TrimEnd('='), p.EndsWith('='), star >= 0 && i >= star)).ToList();
        var variadic = star >= 0;
        return new Builtin(name, ps, variadic, usage, apply);
    }

    private static Builtin F1(string name, Func<Var, MistakeRule?, Var> f, string usage) => Def($"{name}(input)", usage, a => f(a["input"], a.Mistake));

    private static Builtin E(string name, Elementwise fn, string usage) => Def($"{name}(input)", usage, a => Ops.Apply(fn, a["input"], a.Mistake, a.Gate));

    public static readonly IReadOnlyDictionary<string, Builtin> All = new Builtin[]
    {
        E("sigmoid", Elementwise.Sigmoid, "sigmoid(x): 1 / (1 + exp(-x)) elementwise"),
        E("relu", Elementwise.Relu, "relu(x): max(x, 0) elementwise; relu'(0) = 0"),
        E("tanh", Elementwise.Tanh, "tanh(x) elementwise"),
        E("exp", Elementwise.Exp, "exp(x) elementwise"),
        E("log", Elementwise.Log, "log(x): natural logarithm, elementwise"),
        E("abs", Elementwise.Abs, "abs(x) elementwise; abs'(0) = 0"),
        E("sqrt", Elementwise.Sqrt, "sqrt(x) elementwise"),
        E("sign", Elementwise.Sign, "sign(x): -1, 0 or 1 elementwise (gradient 0)"),
        E("sin", Elementwise.Sin, "sin(x) elementwise (radians)"),
        E("cos", Elementwise.Cos, "cos(x) elementwise (radians)"),
        E("erf", Elementwise.Erf, "erf(x): the error function, elementwise"),
        E("silu", Elementwise.Silu, "silu(x): x * sigmoid(x) elementwise"),
        Def("gelu(input, approximate=)", "gelu(x) or gelu(x, approximate: 'tanh'): x Phi(x) elementwise, as F.gelu",
            a => Ops.Apply(a.Text("approximate", "none") switch
            {
                "none" => Elementwise.Gelu,
                "tanh" => Elementwise.GeluTanh,
                var s => throw new ShapeException($"gelu: approximate is 'none' or 'tanh', not '{s}'"),
            }, a["input"], a.Mistake)),
        Def("leaky_relu(input, negative_slope=)", "leaky_relu(x, negative_slope: 0.01): x where x > 0, else the slope times x; its derivative at 0 is the slope",
            a => Ops.Apply(Elementwise.LeakyRelu(a.Number("negative_slope", 0.01)), a["input"], a.Mistake)),
        Def("elu(input, alpha=)", "elu(x, alpha: 1): x where x > 0, else alpha (exp(x) - 1)",
            a => Ops.Apply(Elementwise.Elu(a.Number("alpha", 1)), a["input"], a.Mistake)),
        Def("softplus(input, beta=, threshold=)", "softplus(x, beta: 1, threshold: 20): log(1 + exp(beta x)) / beta, x itself where beta x > threshold",
            a => Ops.Apply(Elementwise.Softplus(a.Number("beta", 1), a.Number("threshold", 20)), a["input"], a.Mistake)),
        Def("clamp(input, min=, max=)", "clamp(x, min: a, max: b) or clamp(x, a, b): each element limited to [a, b]; either bound may be left out; the gradient passes at the bounds",
            a => a.Has("min") || a.Has("max")
                ? Ops.Apply(Elementwise.Clamp(a.OptionalNumber("min"), a.OptionalNumber("max")), a["input"], a.Mistake)
                : throw new ShapeException("clamp needs min:, max: or both")),
        Def("where(condition, input, other)", "where(c, a, b): a where c is nonzero (c > 0, say), else b, broadcast together",
            a => Ops.Where(a["condition"], a["input"], a["other"])),
        Def("softmax(input, axis=)", "softmax(x) over the last axis, or softmax(x, axis: 1)",
            a => Ops.Softmax(a["input"], a.Int("axis", -1), a.Mistake)),
        Def("log_softmax(input, axis=)", "log_softmax(x): log(softmax(x)) over the last axis (or axis:), computed stably",
            a => Ops.LogSoftmax(a["input"], a.Int("axis", -1), a.Mistake)),
        Def("transpose(input, dim0=, dim1=)", "transpose(M) of a matrix, or transpose(x, d0, d1): two axes swapped",
            a => a.Has("dim0") != a.Has("dim1") ? throw new ShapeException("transpose takes both axes to swap, transpose(x, 1, 2), or none for a matrix")
                : a.Has("dim0") ? Ops.Transpose(a["input"], a.Int("dim0", 0), a.Int("dim1", 0)) : Ops.Transpose(a["input"])),
        Def("permute(input, dims, *)", "permute(x, [1, 0, 2]): axis i of the result is axis dims[i] of x",
            a => Ops.Permute(a["input"], [.. a.Ints("dims")!, .. a.Rest.Select(r => a.WholeNumber(Value(r), "an axis", int.MinValue))])),
        Def("unsqueeze(input, axis)", "unsqueeze(x, 1): an axis of length 1 inserted", a => Ops.Unsqueeze(a["input"], a.Int("axis", 0))),
        Def("squeeze(input, axis=)", "squeeze(x): every axis of length 1 dropped; squeeze(x, 1): that axis, if its length is 1",
            a => Ops.Squeeze(a["input"], a.Has("axis") ? a.Int("axis", 0) : null)),
        Def("flatten(input, start_dim=, end_dim=)", "flatten(x) or flatten(x, 1): the axes from start_dim to end_dim made one",
            a => Ops.Flatten(a["input"], a.Int("start_dim", 0), a.Int("end_dim", -1))),
        Def("stack(tensors, axis=)", "stack([a, b], axis: 1): values of one shape along a new axis",
            a => Ops.Stack(Items(a["tensors"]), a.Int("axis", 0))),
        Def("augment(input)", "augment(M): prepends a column of ones (augment(v) prepends a 1)", a => Ops.Augment(a["input"], a.Mistake)),
        Def("norm(input)", "norm(x): the L2 norm of all elements", a => Ops.Norm(a["input"])),
        Def("sum(input, axis=, keepdim=)", "sum(x) of all elements, sum(M, axis) (0: one value per column, 1: one per row), or sum(x, axis: [0, 2], keepdim: true)",
            a => a.Ints("axis") is { } axes ? Ops.SumAxes(a["input"], axes, a.Flag("keepdim", false), a.Mistake) : Ops.Sum(a["input"], a.Mistake)),
        Def("mean(input, axis=, keepdim=)", "mean(x) of all elements, mean(M, axis), or mean(x, axis: [0, 2], keepdim: true)",
            a => a.Ints("axis") is { } axes ? Ops.MeanAxes(a["input"], axes, a.Flag("keepdim", false), a.Mistake) : Ops.Mean(a["input"], a.Mistake)),
        Def("max(input, other=, axis=, keepdim=)", "max(v): the largest element; max(a, b): elementwise (ties split the gradient); max(x, axis: 1)",
            a => Extreme(a, true)),
        Def("min(input, other=, axis=, keepdim=)", "min(v): the smallest element; min(a, b): elementwise; min(x, axis: 1)",
            a => Extreme(a, false)),
        Def("var(input, axis=, unbiased=, keepdim=, correction=)", "var(x), var(x, axis: 1), var(x, unbiased: false) or var(x, correction: 0): unbiased (N - 1) by default, as torch.var",
            a => Ops.Variance(a["input"], a.Ints("axis"), Correction(a), a.Flag("keepdim", false))),
        Def("std(input, axis=, unbiased=, keepdim=, correction=)", "std(x), std(x, axis: 1, unbiased: false): the square root of var",
            a => Ops.Variance(a["input"], a.Ints("axis"), Correction(a), a.Flag("keepdim", false), std: true)),
        Def("logsumexp(input, axis, keepdim=)", "logsumexp(x, axis: 1): log(sum(exp(x))) over the axis, computed stably",
            a => Ops.LogSumExp(a["input"], a.Ints("axis")!, a.Flag("keepdim", false))),
        Def("rowsum(input)", "rowsum(x): the sum over the last axis, one value per row of a matrix (a vector gives a scalar)",
            a => a["input"].Value.Rank >= 2 ? Ops.SumAxes(a["input"], [-1], false, a.Mistake) : Ops.Sum(a["input"], a.Mistake)),
        Def("dot(input, other)", "dot(u, v): the dot product of two vectors", a => Ops.Dot(a["input"], a["other"])),
        Def("outer(input, vec2)", "outer(u, v): [m] and [n] give the [m, n] matrix u_i v_j", a => Ops.Outer(a["input"], a["vec2"])),
        Def("dense(input, weight, bias)", "dense(x, W, b): a dense layer, W @ x + b for one sample, X @ transpose(W) + b for rows of samples; one unit gives one number per sample",
            a => Dense(a["input"], a["weight"], a["bias"], a.Mistake)),
        Def("grad(output, wrt)", "grad(scalar, x) or grad(scalar, [x, y]): shaped like x; for a list, the gradients flattened and joined", null),
        Def("jacobian(output, wrt)", "jacobian(vector, x): rows = outputs, columns = the elements of x (or of [x, y], joined)", null),
        Def("normal(mean, std, size)", "normal(mean, std, shape): random normal values, shape [] for a scalar, [n], [r, c], ... up to 6 axes", null),
        Def("uniform(low, high, size)", "uniform(low, high, shape): random uniform values in [low, high)", null),
        Def("randint(low, high, size)", "randint(low, high, shape): random whole numbers in [low, high), as torch.randint", null),
    }.Concat(Course).Concat(Layers).ToDictionary(b => b.Name, StringComparer.Ordinal);

    /// <summary>Names of all functions, for did-you-mean suggestions.</summary>
    public static IEnumerable<string> Names => All.Keys;

    private static Var Value(ArgValue v) => v.Tensor ?? throw new ShapeException(v.Text is null ? "None is not a value here" : $"'{v.Text}' is a string, not a value");

    /// <summary>The items along the first axis of a stacked list (a list literal evaluates to its items stacked).</summary>
    private static List<Var> Items(Var list) =>
        list.Value.Rank == 0 ? throw new ShapeException("stack takes a list of values, stack([a, b])")
        : Enumerable.Range(0, list.Value.Shape[0]).Select(i => Ops.Index(list, i)).ToList();

    private static Var Extreme(BuiltinArgs a, bool max)
    {
        if (a.Has("other"))
        {
            return a.Has("axis") ? throw new ShapeException($"{(max ? "max" : "min")}(a, b) is elementwise and takes no axis")
                : max ? Ops.Maximum(a["input"], a["other"]) : Ops.Minimum(a["input"], a["other"]);
        }
        return a.Ints("axis") is { } axes ? Ops.ExtremeAxes(a["input"], max, axes, a.Flag("keepdim", false))
            : max ? Ops.Max(a["input"]) : Ops.Min(a["input"]);
    }

    /// <summary>PyTorch's two spellings: unbiased (true: N - 1, the default) or correction (a number).</summary>
    private static double Correction(BuiltinArgs a)
    {
        if (a.Has("correction") && a.Has("unbiased"))
        {
            throw new ShapeException("give unbiased: or correction:, not both");
        }
        return a.Has("correction") ? a.Number("correction", 1) : a.Flag("unbiased", true) ? 1 : 0;
    }

    /// <summary>A dense layer; a one-unit layer gives one number per sample rather than a column.</summary>
    public static Var Dense(Var x, Var w, Var b, MistakeRule? mistake = null)
    {
        var W = w.Value.Rank == 1 ? Ops.Reshape(w, [1, w.Value.Size]) : w;
        if (W.Value.Rank != 2)
        {
            throw new ShapeException($"dense: the weights are shaped [units, inputs], got {Tensor.FormatShape(w.Value.Shape)}");
        }
        // A student who forgot the bias input computes the layer without b (the mistake diagnosis asks for it).
        b = mistake?.Find<BiasInputRule>() is not null ? Ops.Mul(b, Var.Leaf(Tensor.Scalar(0))) : b;
        var units = W.Value.Rows;
        var a = x.Value.Rank switch
        {
            0 => Ops.Add(Ops.Mul(Ops.Reshape(W, [units * W.Value.Cols]), x), b),
            1 => Ops.Add(Ops.MatMul(W, x), b),
            _ => Ops.Add(Ops.MatMul(x, Ops.Transpose(W)), b),
        };
        if (units == 1 && a.Value.Rank >= 1 && a.Value.Shape[^1] == 1)
        {
            return Ops.Reshape(a, a.Value.Shape.ToArray()[..^1]);
        }
        return a;
    }
}
