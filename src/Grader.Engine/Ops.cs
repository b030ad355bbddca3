namespace Grader.Engine;

/// <summary>
/// Every differentiable operation of the engine with its forward computation and backward rule, on tensors of any
/// rank. An op reads nothing but its arguments: a mistake it can make is passed to it (null: none), and the derivative
/// at kinks is chosen by the backward pass (<see cref="BackwardPass.Kinks"/>). Conventions at kinks follow PyTorch
/// (src/Grader.Problems/README.md, "Conventions the engine fixes"): relu'(0) = 0, abs'(0) = 0, sqrt'(0) = +inf, norm'(0) = 0, ties in max/min split the
/// gradient equally, a max pool's tie sends it to the first maximum. Elementwise functions are one table
/// (<see cref="Elementwise"/>).
/// </summary>
public static partial class Ops
{
    private static Var Make(string op, Tensor value, Var[] inputs, BackwardRule backward) => new(value, op, inputs, backward);

    // ---- elementwise binary ops with broadcasting: (f, df/da, df/db) ----

    /// <summary>A partial derivative of a binary op at (a, b) with result y; <paramref name="pass"/> chooses at kinks.</summary>
    private delegate double Partial(double a, double b, double y, BackwardPass pass);

    private static Var Binary(string op, Var a, Var b, Func<double, double, double> f, Partial dA, Partial dB)
    {
        var A = a.Value;
        var B = b.Value;
        // Operands of one shape meet element for element: no index maps are built (null means the identity).
        var same = A.SameShape(B);
        var shape = same ? A.ShapeArray : Broadcast.Shape(A.ShapeArray, B.ShapeArray, op);
        var ia = same ? null : Broadcast.IndexMap(A.ShapeArray, shape);
        var ib = same ? null : Broadcast.IndexMap(B.ShapeArray, shape);
        var y = new double[same ? A.Size : ia!.Length];
        for (var k = 0; k < y.Length; k++)
        {
            y[k] = f(A[ia?[k] ?? k], B[ib?[k] ?? k]);
        }
        return Make(op, new Tensor(shape, y), [a, b], (g, _, _, pass) =>
        {
            var ga = new double[A.Size];
            var gb = new double[B.Size];
            bool needA = pass.InputNeeded(0), needB = pass.InputNeeded(1);
            for (var k = 0; k < y.Length; k++)
            {
                var gk = g[k];
                if (gk == 0)
                {
                    // Skipping zero upstream gradients keeps 0 * inf (e.g. through sqrt at 0) from becoming NaN.
                    continue;
                }
                int i = ia?[k] ?? k, j = ib?[k] ?? k;
                if (needA)
                {
                    ga[i] += gk * dA(A[i], B[j], y[k], pass);
                }
                if (needB)
                {
                    gb[j] += gk * dB(A[i], B[j], y[k], pass);
                }
            }
            return [new Tensor(A.ShapeArray, ga), new Tensor(B.ShapeArray, gb)];
        });
    }

    public static Var Add(Var a, Var b) => Binary("+", a, b, (x, y) => x + y, (_, _, _, _) => 1, (_, _, _, _) => 1);
    public static Var Sub(Var a, Var b) => Binary("-", a, b, (x, y) => x - y, (_, _, _, _) => 1, (_, _, _, _) => -1);
    public static Var Mul(Var a, Var b) => Binary("*", a, b, (x, y) => x * y, (_, y, _, _) => y, (x, _, _, _) => x);
    public static Var Div(Var a, Var b) => Binary("/", a, b, (x, y) => x / y, (_, y, _, _) => 1 / y, (x, y, _, _) => -x / (y * y));

    /// <summary>
    /// a ^ b. d/db is taken as 0 where a = 0 and b >= 0, as PyTorch does. A <see cref="SquareRule"/> mistake takes
    /// d(x^2)/dx as its factor times x.
    /// </summary>
    public static Var Pow(Var a, Var b, MistakeRule? mistake = null) => Binary("^", a, b, Math.Pow,
        mistake?.Find<SquareRule>()?.Factor is { } square
            ? (x, y, _, _) => y == 2 ? square * x : y == 0 ? 0 : y * Math.Pow(x, y - 1)
            : (x, y, _, _) => y == 0 ? 0 : y * Math.Pow(x, y - 1),
        (x, y, r, _) => x == 0 && y >= 0 ? 0 : r * Math.Log(x));

    /// <summary>
    /// Elementwise maximum (NaN if either is NaN, as Math.Max and torch.maximum give); where a = b each side gets
    /// half the gradient. PyTorch's rule: a gets g where a &gt; b, g/2 where equal, 0 where a &lt; b.
    /// </summary>
    public static Var Maximum(Var a, Var b) => Binary("max", a, b, Math.Max,
        (x, y, _, p) => x == y ? p.AtKink(0.5, 0, 1) : x < y ? 0 : 1,
        (x, y, _, p) => x == y ? p.AtKink(0.5, 0, 1) : y < x ? 0 : 1);

    /// <summary>Elementwise minimum (NaN propagates); where a = b each side gets half the gradient.</summary>
    public static Var Minimum(Var a, Var b) => Binary("min", a, b, Math.Min,
        (x, y, _, p) => x == y ? p.AtKink(0.5, 1, 0) : x > y ? 0 : 1,
        (x, y, _, p) => x == y ? p.AtKink(0.5, 1, 0) : y > x ? 0 : 1);

    /// <summary>Comparisons give 1 or 0 and pass no gradient.</summary>
    public static Var Compare(string op, Var a, Var b) => Binary(op, a, b, op switch
    {
        "<" => (x, y) => x < y ? 1 : 0,
        "<=" => (x, y) => x <= y ? 1 : 0,
        ">" => (x, y) => x > y ? 1 : 0,
        ">=" => (x, y) => x >= y ? 1 : 0,
        "==" => (x, y) => x == y ? 1 : 0,
        "!=" => (x, y) => x != y ? 1 : 0,
        _ => throw new ArgumentException($"unknown comparison {op}"),
    }, (_, _, _, _) => 0, (_, _, _, _) => 0);

    /// <summary>
    /// torch.where(condition, a, b): a where the condition is nonzero, else b, all three broadcast together; the
    /// gradient goes to the side chosen, and none to the condition.
    /// </summary>
    public static Var Where(Var condition, Var a, Var b)
    {
        var C = condition.Value;
        var shape = Broadcast.Shape(Broadcast.Shape(C.ShapeArray, a.Value.ShapeArray, "where"), b.Value.ShapeArray, "where");
        var ic = Broadcast.IndexMap(C.ShapeArray, shape);
        var ia = Broadcast.IndexMap(a.Value.ShapeArray, shape);
        var ib = Broadcast.IndexMap(b.Value.ShapeArray, shape);
        var y = new double[ic.Length];
        for (var k = 0; k < y.Length; k++)
        {
            y[k] = C[ic[k]] != 0 ? a.Value[ia[k]] : b.Value[ib[k]];
        }
        return Make("where", new Tensor(shape, y), [condition, a, b], (g, _, _, _) =>
        {
            var ga = new double[a.Value.Size];
            var gb = new double[b.Value.Size];
            for (var k = 0; k < y.Length; k++)
            {
                if (C[ic[k]] != 0)
                {
                    ga[ia[k]] += g[k];
                }
                else
                {
                    gb[ib[k]] += g[k];
                }
            }
            return [Tensor.Zeros(C.Shape), new Tensor(a.Value.ShapeArray, ga), new Tensor(b.Value.ShapeArray, gb)];
        });
    }

    // ---- elementwise unary ops, from the table ----

    /// <summary>
    /// Applies an elementwise function of the table. A <see cref="DerivativeRule"/> mistake for this function replaces
    /// its derivative (the forward value stays right); <paramref name="gate"/> says whether this application is a gate,
    /// for a rule made only at gates or only elsewhere.
    /// </summary>
    public static Var Apply(Elementwise fn, Var a, MistakeRule? mistake = null, bool gate = false)
    {
        var X = a.Value;
        var y = new double[X.Size];
        for (var k = 0; k < y.Length; k++)
        {
            y[k] = fn.F(X[k]);
        }
        var df = mistake?.Rules.OfType<DerivativeRule>().FirstOrDefault(d => d.Changes(fn.Name, gate))?.Derivative;
        Var Node(double[] output) => new(new Tensor(X.ShapeArray, output), fn.Name, [a], (g, _, _, pass) =>
        {
            var gx = new double[X.Size];
            for (var k = 0; k < gx.Length; k++)
            {
                gx[k] = g[k] == 0 ? 0 : g[k] * (df?.Invoke(X[k], output[k]) ?? fn.Derivative(X[k], output[k], pass.Kinks));
            }
            return [new Tensor(X.ShapeArray, gx)];
        })
        { Rebind = t => Node(t.ToArray()) };
        return Node(y);
    }

    public static Var Neg(Var a) => Apply(Elementwise.Neg, a);
    public static Var Sigmoid(Var a, MistakeRule? mistake = null) => Apply(Elementwise.Sigmoid, a, mistake);
    public static Var Relu(Var a, MistakeRule? mistake = null) => Apply(Elementwise.Relu, a, mistake);
    public static Var Tanh(Var a, MistakeRule? mistake = null) => Apply(Elementwise.Tanh, a, mistake);
    public static Var Exp(Var a, MistakeRule? mistake = null) => Apply(Elementwise.Exp, a, mistake);
    public static Var Log(Var a) => Apply(Elementwise.Log, a);
    public static Var Abs(Var a) => Apply(Elementwise.Abs, a);
    public static Var Sqrt(Var a) => Apply(Elementwise.Sqrt, a);
    public static Var Sign(Var a) => Apply(Elementwise.Sign, a);

    /// <summary>The logistic function, computed without overflow for large |x|.</summary>
    public static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));
}
