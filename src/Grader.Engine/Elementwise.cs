namespace Grader.Engine;

/// <summary>
/// A kink of an elementwise function: at <paramref name="At"/> its derivative is taken as PyTorch takes it, or as the
/// left or right derivative when a part accepts any subgradient.
/// </summary>
public readonly record struct Kink(double At, double PyTorch, double Left, double Right);

/// <summary>
/// One row of the engine's table of elementwise functions: its name, its value, its derivative df(x, y) given x and
/// y = f(x), and its kinks. Functions with parameters (leaky_relu's slope, clamp's bounds) are rows made for the
/// parameters. Every derivative is PyTorch's (its derivatives.yaml), at kinks too.
/// </summary>
public sealed record Elementwise(string Name, Func<double, double> F, Func<double, double, double> D, params Kink[] Kinks)
{
    /// <summary>The derivative at x (with y = f(x)), with the side chosen at a kink.</summary>
    public double Derivative(double x, double y, KinkSide side)
    {
        foreach (var k in Kinks)
        {
            if (x == k.At)
            {
                return side switch
                {
                    KinkSide.Left => k.Left,
                    KinkSide.Right => k.Right,
                    _ => k.PyTorch,
                };
            }
        }
        return D(x, y);
    }

    public static readonly Elementwise Neg = new("neg", x => -x, (_, _) => -1);
    public static readonly Elementwise Sigmoid = new("sigmoid", Ops.Sigmoid, (_, s) => s * (1 - s));
    public static readonly Elementwise Relu = new("relu", x => x > 0 ? x : 0, (x, _) => x > 0 ? 1 : 0, new Kink(0, 0, 0, 1));
    public static readonly Elementwise Tanh = new("tanh", Math.Tanh, (_, t) => 1 - t * t);
    public static readonly Elementwise Exp = new("exp", Math.Exp, (_, e) => e);
    public static readonly Elementwise Log = new("log", Math.Log, (x, _) => 1 / x);
    public static readonly Elementwise Abs = new("abs", Math.Abs, (x, _) => Math.Sign(x), new Kink(0, 0, -1, 1));
    public static readonly Elementwise Sqrt = new("sqrt", Math.Sqrt, (_, s) => 0.5 / s);
    public static readonly Elementwise Sign = new("sign", x => Math.Sign(x), (_, _) => 0);
    public static readonly Elementwise Sin = new("sin", Math.Sin, (x, _) => Math.Cos(x));
    public static readonly Elementwise Cos = new("cos", Math.Cos, (x, _) => -Math.Sin(x));
    public static readonly Elementwise Erf = new("erf", ErrorFunction.Erf, (x, _) => 2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x));

    /// <summary>x sigmoid(x) (torch's F.silu).</summary>
    public static readonly Elementwise Silu = new("silu", x => x * Ops.Sigmoid(x), (x, _) =>
    {
        var s = Ops.Sigmoid(x);
        return s * (1 + x * (1 - s));
    });

    /// <summary>F.gelu with approximate='none': x Phi(x), Phi the standard normal's distribution function.</summary>
    public static readonly Elementwise Gelu = new("gelu", x => 0.5 * x * (1 + ErrorFunction.Erf(x / Math.Sqrt(2))),
        (x, _) => 0.5 * (1 + ErrorFunction.Erf(x / Math.Sqrt(2))) + x * Math.Exp(-0.5 * x * x) / Math.Sqrt(2 * Math.PI));

    /// <summary>F.gelu with approximate='tanh': 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).</summary>
    public static readonly Elementwise GeluTanh = new("gelu", x => 0.5 * x * (1 + Math.Tanh(GeluBeta * (x + GeluKappa * x * x * x))), (x, _) =>
    {
        var t = Math.Tanh(GeluBeta * (x + GeluKappa * x * x * x));
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GeluBeta * (1 + 3 * GeluKappa * x * x);
    });

    private const double GeluKappa = 0.044715;
    private static readonly double GeluBeta = Math.Sqrt(2 / Math.PI);

    /// <summary>F.leaky_relu: x for x &gt; 0, else slope x; at 0 the derivative is the slope, as PyTorch takes it.</summary>
    public static Elementwise LeakyRelu(double slope) =>
        new("leaky_relu", x => x > 0 ? x : slope * x, (x, _) => x > 0 ? 1 : slope, new Kink(0, slope, slope, 1));

    /// <summary>F.elu: x for x &gt; 0, else alpha (exp(x) - 1); at 0 the derivative is alpha, as PyTorch takes it.</summary>
    public static Elementwise Elu(double alpha) =>
        new("elu", x => x > 0 ? x : alpha * ExpM1(x), (x, _) => x > 0 ? 1 : alpha * Math.Exp(x), new Kink(0, alpha, alpha, 1));

    /// <summary>F.softplus: log(1 + exp(beta x)) / beta, and x itself where beta x &gt; threshold.</summary>
    public static Elementwise Softplus(double beta, double threshold) =>
        new("softplus", x => x * beta > threshold ? x : Log1P(Math.Exp(x * beta)) / beta, (x, _) =>
        {
            if (x * beta > threshold)
            {
                return 1;
            }
            var z = Math.Exp(x * beta);
            return z / (z + 1);
        });

    /// <summary>
    /// torch.clamp(x, min, max) (either bound may be absent): the gradient passes where min &lt;= x &lt;= max, bounds
    /// included, as PyTorch takes it.
    /// </summary>
    public static Elementwise Clamp(double? min, double? max)
    {
        var kinks = new List<Kink>();
        if (min is { } lo)
        {
            kinks.Add(new Kink(lo, max is { } h && lo > h ? 0 : 1, 0, max is { } h2 && lo > h2 ? 0 : 1));
        }
        if (max is { } hi && hi != min)
        {
            kinks.Add(new Kink(hi, min is { } l && l > hi ? 0 : 1, 1, 0));
        }
        return new("clamp", x =>
        {
            var y = x;
            if (min is { } a && y < a)
            {
                y = a;
            }
            if (max is { } b && y > b)
            {
                y = b;
            }
            return double.IsNaN(x) ? x : y;
        }, (x, _) => (min is not { } a || x >= a) && (max is not { } b || x <= b) ? 1 : 0, [.. kinks]);
    }

    /// <summary>log(1 + x), accurate for small x.</summary>
    public static double Log1P(double x)
    {
        var u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>exp(x) - 1, accurate for small x.</summary>
    public static double ExpM1(double x)
    {
        if (Math.Abs(x) < 1e-5)
        {
            return x + x * x / 2 + x * x * x / 6;
        }
        return Math.Exp(x) - 1;
    }
}

/// <summary>The error function in float64, to within a few units in the last place.</summary>
public static class ErrorFunction
{
    public static double Erf(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }
        var a = Math.Abs(x);
        if (a >= 6)
        {
            return Math.Sign(x);
        }
        double r = a < 2.5 ? SeriesErf(a) : 1 - ContinuedErfc(a);
        return x < 0 ? -r : r;
    }

    /// <summary>erf(x) = 2/sqrt(pi) exp(-x^2) sum 2^n x^(2n+1) / (1 3 5 ... (2n+1)): every term positive, no cancellation.</summary>
    private static double SeriesErf(double x)
    {
        var term = x;
        var sum = x;
        for (var n = 1; n < 200; n++)
        {
            term *= 2 * x * x / (2 * n + 1);
            sum += term;
            if (term < sum * 1e-17)
            {
                break;
            }
        }
        return 2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x) * sum;
    }

    /// <summary>erfc(x) for x &gt;= 2.5 by its continued fraction (Lentz's method).</summary>
    private static double ContinuedErfc(double x)
    {
        // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))
        const double tiny = 1e-300;
        var f = x;
        var c = x;
        var d = 0.0;
        for (var n = 1; n < 500; n++)
        {
            var an = n / 2.0;
            d = x + an * d;
            d = d == 0 ? tiny : d;
            c = x + an / c;
            c = c == 0 ? tiny : c;
            d = 1 / d;
            var delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-17)
            {
                break;
            }
        }
        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / f;
    }
}
