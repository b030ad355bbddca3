using Grader.Problems.Solving;
using Grader.Problems.Yaml;

namespace Grader.Tests.Problems;

/// <summary>
/// Values of any rank in specs, beyond what the PyTorch fixtures check: the errors a spec author meets, the names
/// inf/true/false/None beside the spec's own, and which broadcasts are warned about.
/// </summary>
public class AnyRankTests
{
    private const string Given = "given: { T: [[[1, 2], [3, 4]], [[5, 6], [7, 8]]], v: [1, 2, 3], c: [[1], [2], [3]] }";

    private static SpecLoadResult Load(string answer, string given = Given) =>
        SpecLoader.Load("t.yaml", $"id: t\n{given}\nparts:\n  - id: p\n    answer: \"{answer}\"\n");

    private static double[] Answer(string answer, string given = Given)
    {
        var result = Load(answer, given);
        Assert.That(result.Errors.Select(e => e.ToString()), Is.Empty);
        return ReferenceSolver.Solve(result.Problem!)[0].Shown!.ToArray();
    }

    private static IEnumerable<string> Errors(string answer, string given = Given) => Load(answer, given).Errors.Select(e => e.Message);

    [TestCase("T[1, :, 0]", new[] { 5.0, 7.0 })]
    [TestCase("sum(T, axis: [0, 2])", new[] { 14.0, 22.0 })]
    [TestCase("T @ [1, 0]", new[] { 1.0, 3.0, 5.0, 7.0 })]
    [TestCase("max(T, axis: -1, keepdim: true)[:, :, 0]", new[] { 2.0, 4.0, 6.0, 8.0 })]
    [TestCase("T[[1, 0, 1]][:, 0, 0]", new[] { 5.0, 1.0, 5.0 })]
    [TestCase("exp(where(v > 1, v, -inf))[0]", new[] { 0.0 })]
    [TestCase("sum(T, axis: 0, keepdim: false)[0]", new[] { 6.0, 8.0 })]
    [TestCase("mean(T, dim: 1)[0]", new[] { 2.0, 3.0 })]
    public void AnyRank_Evaluates(string answer, double[] expected) => Assert.That(Answer(answer), Is.EqualTo(expected));

    [TestCase("permute(T, [0, 1])", "permute: 2 axes given for a value with 3")]
    [TestCase("permute(T, [0, 1, 1])", "lists an axis twice")]
    [TestCase("v[::-1]", "a slice's step must be positive, not -1")]
    [TestCase("sum(T, axis: 3)", "axis 3 is out of range for a value with 3 axes (axes run from -3 to 2)")]
    [TestCase("transpose(T)", "say which two to swap, transpose(x, 1, 2)")]
    [TestCase("conv2d(v, T)", "the input is [N, channels, H, W] or one sample [channels, H, W]")]
    [TestCase("conv2d(T, T)", "the weight is [filters, channels / groups, kH, kW], not [2, 2, 2]")]
    [TestCase("gelu(v, approximate: 'fast')", "approximate is 'none' or 'tanh', not 'fast'")]
    [TestCase("var(v, unbiased: false, correction: 0)", "give unbiased: or correction:, not both")]
    [TestCase("clamp(v)", "clamp needs min:, max: or both")]
    [TestCase("reshape(v, [2, -1])", "3 values do not fit shape [2, -1]")]
    [TestCase("zeros([1, 1, 1, 1, 1, 1, 1])", "a value has at most 6 axes")]
    [TestCase("v[[0, 5]]", "index 5 is out of range for axis 0 of shape [3]")]
    [TestCase("conv2d(x: T)", "conv2d has no argument named `x`")]
    public void AnyRank_BadExpression_NamesTheProblem(string answer, string message) =>
        Assert.That(Errors(answer), Has.Some.Contains(message));

    [Test]
    public void Constants_AreTheSpecsOwnWhereItNamesThem()
    {
        Assert.That(Answer("max(-inf, 2) + true + false"), Is.EqualTo(new[] { 3.0 }));
        Assert.That(Answer("inf + true", "given: { inf: 2, true: 5 }"), Is.EqualTo(new[] { 7.0 }));
        Assert.That(Answer("sum(v[None])", "given: { v: [1, 2], None: 1 }"), Is.EqualTo(new[] { 2.0 }), "a given named None indexes");
    }

    [Test]
    public void BroadcastWarning_OnlyWhereLikelyAMistake()
    {
        Assert.That(Load("v - c").Warnings.Select(w => w.Message), Has.One.Contains("[3] - [3, 1] broadcasts to [3, 3]"));
        Assert.That(Load("v[:, None] - v").Warnings, Is.Empty, "an axis added on purpose");
        Assert.That(Load("unsqueeze(v, 1) + v").Warnings, Is.Empty);
        Assert.That(Load("v - c[0]").Warnings, Is.Empty, "a scalar");
        Assert.That(Load("T + v[:2]").Warnings, Is.Empty, "a vector against each row");
    }
}
