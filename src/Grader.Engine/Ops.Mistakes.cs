namespace Grader.Engine;

public static partial class Ops
{
    [ThreadStatic]
    private static MistakeRule? t_mistake;

    /// <summary>The mistake the ops on this thread currently make (null: none), for rules honoured outside the engine.</summary>
    public static MistakeRule? ActiveMistake => t_mistake;

    /// <summary>
    /// Makes the ops created on this thread follow <paramref name="rule"/> until disposed: the graph is then what a
    /// student who makes that mistake computes. Nodes capture the rule when they are made.
    /// </summary>
    public static IDisposable UseMistake(MistakeRule rule)
    {
        var before = t_mistake;
        t_mistake = rule;
        return new Restore(() => t_mistake = before);
    }

    /// <summary>Evaluates <paramref name="f"/> with no mistake rule: the parts of a spec a mistake does not concern.</summary>
    public static T WithoutMistake<T>(Func<T> f)
    {
        var rule = t_mistake;
        t_mistake = null;
        try
        {
            return f();
        }
        finally
        {
            t_mistake = rule;
        }
    }

    /// <summary>Forward: <paramref name="a"/>'s value; backward: the gradient times <paramref name="factor"/>.</summary>
    public static Var ScaleGradient(Var a, double factor) =>
        Make("scale_grad", a.Value, [a], (g, _, _) => [new Tensor(a.Value.ShapeArray, g.Values.Select(x => x * factor).ToArray())]);

    /// <summary>
    /// A node whose value is <paramref name="value"/> (a student's answer for a step) and whose gradient passes
    /// to <paramref name="original"/>'s inputs: what follows is computed from the student's value, what precedes
    /// keeps its own derivatives, except that an elementwise op whose derivative reads its output (sigmoid, tanh, exp)
    /// reads the student's (error carried forward).
    /// </summary>
    public static Var Substitute(Var original, Tensor value)
    {
        if (!value.SameShape(original.Value))
        {
            throw new ShapeException($"a substituted value must have shape {Tensor.FormatShape(original.Value.Shape)}, got {Tensor.FormatShape(value.Shape)}");
        }
        // An elementwise op takes the student's output into its own derivative (sigma'(a) = p(1 - p) with their p),
        // as a student working from their value does; anything else passes the gradient through unchanged.
        return original.Rebind?.Invoke(value) ?? Make("substitute", value, [original], (g, _, _) => [g]);
    }

    private static Func<double, double, double> DerivativeOf(string op, Func<double, double, double> df) =>
        t_mistake is DerivativeRule d && d.Op == op ? d.Derivative : df;

    private static ReductionSlip? Slip => (t_mistake as ReductionRule)?.Slip;

    /// <summary>
    /// For one-sample slips: <paramref name="reduce"/> of the first or last sample of a vector (an element) or a
    /// matrix (a row), if it has several; null otherwise.
    /// </summary>
    private static Var? OneSample(Var a, Func<Var, Var> reduce)
    {
        if (Slip is not (ReductionSlip.FirstSample or ReductionSlip.LastSample) || a.Value.Rank == 0 || a.Value.Shape[0] < 2)
        {
            return null;
        }
        var rule = t_mistake!;
        t_mistake = null;
        try
        {
            return reduce(Index(a, rule is ReductionRule { Slip: ReductionSlip.FirstSample } ? 0 : a.Value.Shape[0] - 1));
        }
        finally
        {
            t_mistake = rule;
        }
    }
}
