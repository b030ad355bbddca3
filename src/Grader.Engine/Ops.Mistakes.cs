namespace Grader.Engine;

public static partial class Ops
{
    /// <summary>Forward: <paramref name="a"/>'s value; backward: the gradient times <paramref name="factor"/>.</summary>
    public static Var ScaleGradient(Var a, double factor) =>
        Make("scale_grad", a.Value, [a], (g, _, _, _) => [new Tensor(a.Value.ShapeArray, g.Values.Select(x => x * factor).ToArray())]);

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
        return original.Rebind?.Invoke(value) ?? Make("substitute", value, [original], (g, _, _, _) => [g]);
    }

    private static ReductionSlip? SlipOf(MistakeRule? mistake) => mistake?.Find<ReductionRule>()?.Slip;

    /// <summary>The slip a reduction along axes makes: none for a rule made on sums and means of all elements only.</summary>
    private static ReductionSlip? AxesSlipOf(MistakeRule? mistake) => mistake?.Find<ReductionRule>() is { WholeOnly: false } r ? r.Slip : null;

    /// <summary>
    /// For one-sample slips: <paramref name="reduce"/> (made without the mistake) of the first or last sample of a
    /// vector (an element) or a tensor (its first axis), if it has several; null otherwise.
    /// </summary>
    private static Var? OneSample(Var a, MistakeRule? mistake, Func<Var, Var> reduce)
    {
        if (SlipOf(mistake) is not (ReductionSlip.FirstSample or ReductionSlip.LastSample) || a.Value.Rank == 0 || a.Value.Shape[0] < 2)
        {
            return null;
        }
        return reduce(Index(a, SlipOf(mistake) == ReductionSlip.FirstSample ? 0 : a.Value.Shape[0] - 1));
    }
}
