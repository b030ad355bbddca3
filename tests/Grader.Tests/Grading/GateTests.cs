using Grader.Problems.Expressions;
using Grader.Problems.Feedback;
using Grader.Problems.Model;
using Grader.Problems.Solving;
using Grader.Problems.Yaml;

namespace Grader.Tests.Grading;

/// <summary>
/// Which sigmoids are gates (Expressions/Gates.cs): a sigmoid whose value, or one minus it, multiplies another value
/// elementwise. A gate's derivative left out is gate-derivative-forgotten, every other sigmoid's
/// activation-derivative-forgotten, so neither names the other's mistake.
/// </summary>
public class GateTests
{
    private static Problem Load(string yaml)
    {
        var result = SpecLoader.Load("t.yaml", yaml);
        Assert.That(result.Errors.Select(e => e.ToString()), Is.Empty);
        return result.Problem!;
    }

    /// <summary>The text of every sigmoid call marked as a gate, in the steps and the functions.</summary>
    private static List<string> GateTexts(Problem p) =>
        p.Steps.Select(s => s.Expression).Concat(p.Functions.Values.Select(f => f.Body))
            .SelectMany(ExprLimits.Walk).OfType<CallExpr>().Where(c => c.Gate).Select(c => c.Text).Distinct().ToList();

    private static List<string> SigmoidTexts(Problem p) =>
        p.Steps.Select(s => s.Expression).SelectMany(ExprLimits.Walk).OfType<CallExpr>().Where(c => c.Name == "sigmoid").Select(c => c.Text).Distinct().ToList();

    [Test]
    public void TheLstmsGates_AreItsInputForgetAndOutputSigmoids()
    {
        var p = SpecLoader.LoadFile(Repo.Path("problems", "dl-a4", "lstm-bptt.yaml")).Problem!;
        Assert.That(GateTexts(p), Is.EquivalentTo(new[] { "sigmoid(a[0:3])", "sigmoid(a[3:6])", "sigmoid(a[9:12])" }));
        Assert.That(p.Steps.Where(s => s.Expression is CallExpr { Gate: true }).Select(s => s.Name),
            Has.Member("f[t=1]").And.Member("o[t=4]").And.No.Member("g[t=1]"));
    }

    [Test]
    public void TheGrusGates_AreItsResetAndUpdateSigmoids()
    {
        var p = SpecLoader.LoadFile(Repo.Path("problems", "dl-a4", "gru-bptt.yaml")).Problem!;
        Assert.That(GateTexts(p), Is.EquivalentTo(new[] { "sigmoid(p[0:3] + q[0:3])", "sigmoid(p[3:6] + q[3:6])" }));
    }

    [Test]
    public void NoOtherShippedSigmoid_IsAGate()
    {
        var others = Directory.EnumerateFiles(Repo.Path("problems"), "*.yaml", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith("lstm-bptt.yaml", StringComparison.Ordinal) && !f.EndsWith("gru-bptt.yaml", StringComparison.Ordinal))
            .Select(f => SpecLoader.LoadFile(f).Problem!).ToList();
        Assert.That(others.Sum(p => SigmoidTexts(p).Count), Is.GreaterThan(2), "the shipped specs hold sigmoids that are not gates");
        Assert.That(others.SelectMany(p => GateTexts(p).Select(g => $"{p.Id}: {g}")), Is.Empty);
    }

    [TestCase("sigmoid(a) * h", true)]
    [TestCase("h * sigmoid(a)", true)]
    [TestCase("(1 - sigmoid(a)) * h + sigmoid(a) * u", true)]
    [TestCase("sigmoid(a) * x", true)] // a gate on a given
    [TestCase("0.5 * sigmoid(a)", false)] // a number scales it
    [TestCase("sigmoid(a) * (1 - sigmoid(a))", false)] // its own derivative
    [TestCase("W @ sigmoid(a)", false)] // a layer, not an elementwise product
    [TestCase("sigmoid(a) - h", false)]
    [TestCase("log(sigmoid(a)) * x", false)] // a loss's term
    public void ASigmoidWrittenInPlace_IsAGateWhenItMultipliesAnotherValue(string formula, bool gate)
    {
        var p = Load($$"""
            id: t
            given: { x: [1.0, -2.0], W: [[0.5, 1.0], [-1.0, 0.2]], a: [0.3, -0.4] }
            compute:
              h: tanh(W @ x)
              u: x + 1
              out: {{formula}}
            parts:
              - { id: out, answer: out }
            """);
        Assert.That(GateTexts(p), gate ? Is.Not.Empty : Is.Empty);
    }

    [Test]
    public void AStepWhoseFormulaIsASigmoid_IsAGateWhereItMultiplies_AndNotWhereItIsTheOutput()
    {
        var p = Load("""
            id: t
            given: { x: [1.0, -2.0], a: [0.3, -0.4], w: [0.2, 0.1] }
            compute:
              z: sigmoid(a)
              zz: z
              p: sigmoid(dot(w, x))
              h: zz * x
              L: (p - 1)^2 + sum(h)
            parts:
              - { id: L, answer: L }
            """);
        Assert.That(GateTexts(p), Is.EqualTo(new[] { "sigmoid(a)" }));
    }

    [Test]
    public void AGateInAFunctionsBody_IsMarked()
    {
        var p = Load("""
            id: t
            given: { x: [1.0, -2.0], a: [0.3, -0.4] }
            functions:
              glu(u, v): u * sigmoid(v)
            compute:
              h: glu(x, a)
            parts:
              - { id: h, answer: h }
            """);
        Assert.That(GateTexts(p), Is.EqualTo(new[] { "sigmoid(v)" }));
    }

    private const string GatedOutput = """
        id: t
        given: { x: [1.0, -2.0], a: [0.3, -0.4], W: [[0.5, 1.0], [-1.0, 0.2]], w: [0.7, -0.3] }
        compute:
          gate: sigmoid(a)
          h: gate * tanh(W @ x)
          p: sigmoid(dot(w, h))
          L: (p - 1)^2
        parts:
          - { id: dW, answer: grad(L, W) }
          - { id: da, answer: grad(L, a) }
        """;

    /// <summary>By hand: dL/da and dL/dW with the gate's derivative, the output's, or neither left out (factor 1).</summary>
    private static (double[] Da, double[] DW) ByHand(bool gateDerivative, bool outputDerivative)
    {
        double[] x = [1.0, -2.0], a = [0.3, -0.4], w = [0.7, -0.3];
        double[,] W = { { 0.5, 1.0 }, { -1.0, 0.2 } };
        var g = a.Select(v => 1 / (1 + Math.Exp(-v))).ToArray();
        var th = Enumerable.Range(0, 2).Select(i => Math.Tanh(W[i, 0] * x[0] + W[i, 1] * x[1])).ToArray();
        var h = Enumerable.Range(0, 2).Select(i => g[i] * th[i]).ToArray();
        var p = 1 / (1 + Math.Exp(-(w[0] * h[0] + w[1] * h[1])));
        var dz = 2 * (p - 1) * (outputDerivative ? p * (1 - p) : 1);
        var dh = w.Select(v => dz * v).ToArray();
        var da = Enumerable.Range(0, 2).Select(i => dh[i] * th[i] * (gateDerivative ? g[i] * (1 - g[i]) : 1)).ToArray();
        var dW = new double[4];
        for (var i = 0; i < 2; i++)
        {
            for (var j = 0; j < 2; j++)
            {
                dW[2 * i + j] = dh[i] * g[i] * (1 - th[i] * th[i]) * x[j];
            }
        }
        return (da, dW);
    }

    private static string? Named(string part, double[] got)
    {
        var p = Load(GatedOutput);
        var s = ReferenceSolver.Solve(p).Single(x => x.Part.Id == part);
        var right = part == "da" ? ByHand(true, true).Da : ByHand(true, true).DW;
        Assert.That(s.Expected!.ToArray(), Is.EqualTo(right).Within(1e-12), "the hand-written backward pass is right");
        return Diagnosis.Name(Diagnosis.Candidates(p, s.Part, s.Expected!, s.Tolerance), got, s.Tolerance)?.Id;
    }

    [Test]
    public void TheGatesDerivativeForgotten_IsNamedAsTheGates_AndTheOutputsAsTheActivations()
    {
        Assert.That(Named("da", ByHand(false, true).Da), Is.EqualTo("gate-derivative-forgotten"));
        Assert.That(Named("da", ByHand(true, false).Da), Is.EqualTo("activation-derivative-forgotten"));
        Assert.That(Named("dW", ByHand(true, false).DW), Is.EqualTo("activation-derivative-forgotten"));
        // dL/dW does not pass through the gate's derivative: nothing to name there but the output's.
        Assert.That(ByHand(false, true).DW, Is.EqualTo(ByHand(true, true).DW).Within(1e-15));
    }
}
