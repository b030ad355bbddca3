namespace Grader.Engine;

/// <summary>
/// Every differentiable operation of the engine with its forward computation and backward rule.
/// Conventions at kinks follow PyTorch (see docs in README "Conventions"):
/// relu'(0) = 0, abs'(0) = 0, sqrt'(0) = +inf, norm'(0) = 0, and ties in max/min split the gradient equally.
/// </summary>
public static partial class Ops
{
    private static Var Make(string op, Tensor value, Var[] inputs, BackwardRule backward) => new(value, op, inputs, backward);

    // ---- elementwise binary ops with broadcasting: (f, df/da, df/db) ----

    private delegate double Partial(double a, double b, double y);

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
        return Make(op, new Tensor(shape, y), [a, b], (g, inputs, output) =>
        {
            var ga = new double[A.Size];
            var gb = new double[B.Size];
            for (var k = 0; k < y.Length; k++)
            {
                var gk = g[k];
                if (gk == 0)
                {
                    // Skipping zero upstream gradients keeps 0 * inf (e.g. through sqrt at 0) from becoming NaN.
                    continue;
                }
                int i = ia?[k] ?? k, j = ib?[k] ?? k;
                ga[i] += gk * dA(A[i], B[j], y[k]);
                gb[j] += gk * dB(A[i], B[j], y[k]);
            }
            return [new Tensor(A.ShapeArray, ga), new Tensor(B.ShapeArray, gb)];
        });
    }

    public static Var Add(Var a, Var b) => Binary("+", a, b, (x, y) => x + y, (_, _, _) => 1, (_, _, _) => 1);
    public static Var Sub(Var a, Var b) => Binary("-", a, b, (x, y) => x - y, (_, _, _) => 1, (_, _, _) => -1);
    public static Var Mul(Var a, Var b) => Binary("*", a, b, (x, y) => x * y, (_, y, _) => y, (x, _, _) => x);
    public static Var Div(Var a, Var b) => Binary("/", a, b, (x, y) => x / y, (_, y, _) => 1 / y, (x, y, _) => -x / (y * y));

    /// <summary>a ^ b. d/db is taken as 0 where a = 0 and b >= 0, as PyTorch does.</summary>
    public static Var Pow(Var a, Var b) => Binary("^", a, b, Math.Pow,
        (t_mistake as SquareRule)?.Factor is { } square
            ? (x, y, _) => y == 2 ? square * x : y == 0 ? 0 : y * Math.Pow(x, y - 1)
            : (x, y, _) => y == 0 ? 0 : y * Math.Pow(x, y - 1),
        (x, y, r) => x == 0 && y >= 0 ? 0 : r * Math.Log(x));

    /// <summary>
    /// Elementwise maximum (NaN if either is NaN, as Math.Max and torch.maximum give); where a = b each side gets
    /// half the gradient. PyTorch's rule: a gets g where a &gt; b, g/2 where equal, 0 where a &lt; b.
    /// </summary>
    public static Var Maximum(Var a, Var b) => Binary("max", a, b, Math.Max,
        (x, y, _) => x == y ? AtKink(0.5, 0, 1) : x < y ? 0 : 1,
        (x, y, _) => x == y ? AtKink(0.5, 0, 1) : y < x ? 0 : 1);

    /// <summary>Elementwise minimum (NaN propagates); where a = b each side gets half the gradient.</summary>
    public static Var Minimum(Var a, Var b) => Binary("min", a, b, Math.Min,
        (x, y, _) => x == y ? AtKink(0.5, 1, 0) : x > y ? 0 : 1,
        (x, y, _) => x == y ? AtKink(0.5, 1, 0) : y > x ? 0 : 1);

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
    }, (_, _, _) => 0, (_, _, _) => 0);

    // ---- elementwise unary ops: (f, df/dx given x and y = f(x)) ----

    private static Var Unary(string op, Var a, Func<double, double> f, Func<double, double, double> df)
    {
        var X = a.Value;
        df = DerivativeOf(op, df);
        var y = new double[X.Size];
        for (var k = 0; k < y.Length; k++)
        {
            y[k] = f(X[k]);
        }
        Var Node(double[] output) => new(new Tensor(X.ShapeArray, output), op, [a], (g, _, _) =>
        {
            var gx = new double[X.Size];
            for (var k = 0; k < gx.Length; k++)
            {
                gx[k] = g[k] == 0 ? 0 : g[k] * df(X[k], output[k]);
            }
            return [new Tensor(X.ShapeArray, gx)];
        })
        { Rebind = t => Node(t.ToArray()) };
        return Node(y);
    }

    public static Var Neg(Var a) => Unary("neg", a, x => -x, (_, _) => -1);
    public static Var Sigmoid(Var a) => Unary("sigmoid", a, Sigmoid, (_, s) => s * (1 - s));
    public static Var Relu(Var a) => Unary("relu", a, x => x > 0 ? x : 0, (x, _) => x > 0 ? 1 : x < 0 ? 0 : AtKink(0, 0, 1));
    public static Var Tanh(Var a) => Unary("tanh", a, Math.Tanh, (_, t) => 1 - t * t);
    public static Var Exp(Var a) => Unary("exp", a, Math.Exp, (_, e) => e);
    public static Var Log(Var a) => Unary("log", a, Math.Log, (x, _) => 1 / x);
    public static Var Abs(Var a) => Unary("abs", a, Math.Abs, (x, _) => x != 0 ? Math.Sign(x) : AtKink(0, -1, 1));
    public static Var Sqrt(Var a) => Unary("sqrt", a, Math.Sqrt, (_, s) => 0.5 / s);
    public static Var Sign(Var a) => Unary("sign", a, x => Math.Sign(x), (_, _) => 0);

    /// <summary>The logistic function, computed without overflow for large |x|.</summary>
    public static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));
}
