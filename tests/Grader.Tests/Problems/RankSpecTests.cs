using System.Text.Json.Nodes;
using Grader.Engine;
using Grader.Problems.Model;
using Grader.Problems.Release;
using Grader.Problems.Solving;
using Grader.Problems.Yaml;

namespace Grader.Tests.Problems;

/// <summary>
/// What a spec says about values of rank 3 to 6 that students submit: <c>implement:</c> signatures with
/// <c>double[,,]</c> and jagged types, submitted names of any shape, nested-list literals (a public file's givens too),
/// and <c>solve</c>'s output of such a value.
/// </summary>
public class RankSpecTests
{
    private static SpecLoadResult Load(string yaml) => SpecLoader.Load("t.yaml", yaml);

    private static IReadOnlyList<string> Errors(string yaml) => Load(yaml).Errors.Select(e => e.ToString()).ToList();

    [TestCase("double[,,] F(double[,,,] x)", "[2, 1, 3, 2]", "sum(x, axis: 1)", "double[,,]", "double[,,,]")]
    [TestCase("double[][] F(double[][][] x)", "[2, 3, 2]", "sum(x, axis: 0)", "double[][]", "double[][][]")]
    [TestCase("double[,,,,,] F(double[][][][][][] x)", "[1, 1, 1, 1, 1, 2]", "2 * x", "double[,,,,,]", "double[][][][][][]")]
    public void Signature_OfAnyRankUpTo6_IsRead_AndValidates(string text, string shape, string answer, string ret, string parameter)
    {
        var loaded = Load($$"""
            id: t
            given: { x: "ones({{shape}}) / 2" }
            parts:
              - id: p
                implement: "{{text}}"
                answer: {{answer}}
                cases:
                  - given
                  - random: { count: 2, seed: 1, x: normal(0, 1, {{shape}}) }
            """);
        Assert.That(loaded.Errors.Select(e => e.ToString()), Is.Empty);
        var sig = loaded.Problem!.Parts.Single().Implement!;
        Assert.That((sig.ReturnType, sig.Parameters.Single().Type), Is.EqualTo((ret, parameter)));
    }

    [TestCase("double[,][] F(double[] x)", "return type `double[,][]` is not supported")]
    [TestCase("double F(double[,,,,,,] x)", "parameter `double[,,,,,,] x` is not a supported type and name")]
    [TestCase("double F(double[][][][][][][] x)", "parameter `double[][][][][][][] x` is not a supported type and name")]
    [TestCase("double F(int[,,] x)", "parameter `int[,,] x` is not a supported type and name")]
    public void Signature_OfAnUnsupportedType_IsAnError_ThatListsTheTypes(string text, string message)
    {
        var errors = Errors($"id: t\ngiven: {{ x: [1, 2] }}\nparts:\n  - id: p\n    implement: \"{text}\"\n    answer: sum(x)\n");
        Assert.That(errors, Has.Some.Contains(message).And.Contains("and with up to 6 axes double[,,], double[,,,], ... or double[][][], ..."));
    }

    [Test]
    public void Signature_ThatDisagreesWithTheValuesRank_NamesTheTypesOfThatRank()
    {
        var errors = Errors("""
            id: t
            given: { x: "reshape(arange(24), [2, 3, 4])" }
            parts:
              - id: p
                implement: "double[,] F(double[,,] x)"
                answer: 2 * x
            """);
        Assert.That(errors, Has.Some.Contains("the result of F is declared double[,] but its value has shape [2, 3, 4]")
            .And.Contains("double[,,] or double[][][] for 3 axes"));
    }

    [Test]
    public void TheSubmissionTestsSpec_Validates() =>
        Assert.That(Errors(Grading.RankSubmissionTests.Spec), Is.Empty);

    [Test]
    public void APropertyPart_MayAskForAValueOf3OrMoreAxes()
    {
        var loaded = Load("""
            id: t
            parts:
              - id: p
                submit: { K: [2, 1, 3, 3] }
                require: sum(K) == 1
            """);
        Assert.That(loaded.Errors.Select(e => e.ToString()), Is.Empty);
        Assert.That(loaded.Problem!.Parts[0].Submit.Single().Value, Is.EqualTo(new[] { 2, 1, 3, 3 }));
        Assert.That(Errors("id: t\nparts:\n  - id: p\n    submit: { K: [1, 1, 1, 1, 1, 1, 2] }\n    require: sum(K) == 1\n"),
            Has.Some.Contains("the shape of `K` must be [], [n], [rows, cols] or a list of up to 6 lengths"));
    }

    [Test]
    public void ANestedListLiteral_IsAValueOfThatRank()
    {
        var loaded = Load("id: t\ngiven:\n  x: [[[[1, 2]], [[3, 4]]]]\nparts:\n  - id: a\n    answer: 2 * x\n");
        var x = loaded.Problem!.Givens.Single();
        Assert.That(x.Literal, Is.Not.Null, "a literal, as a vector or matrix is");
        Assert.That(x.Literal!.Shape, Is.EqualTo(new[] { 1, 2, 1, 2 }));
        Assert.That(x.Literal.ToArray(), Is.EqualTo(new double[] { 1, 2, 3, 4 }));
    }

    [Test]
    public void ANestedListLiteral_WithBlocksOfTwoShapes_IsOneError()
    {
        var errors = Errors("id: t\ngiven:\n  x: [[[1, 2], [3, 4]], [[5, 6]]]\nparts:\n  - id: a\n    answer: 2 * x\n");
        Assert.That(errors, Has.One.Contains("given `x`: the entries of a value of 3 axes must all have one shape, got [2, 2] and [1, 2]"));
    }

    [Test]
    public void APublicFile_CarriesARank4Given_AndReadsItBack()
    {
        var problem = Load(Grading.RankSubmissionTests.Spec).Problem!;
        var text = PublicSpecWriter.Write(PublicSpecBuilder.Build(problem).Spec);

        var read = PublicSpecLoader.Load("feature-sum.public.yaml", text);

        Assert.That(read.Errors.Select(e => e.ToString()), Is.Empty);
        var x = read.Spec!.Givens.Single(g => g.Name == "x").Value!;
        Assert.That(x.Shape, Is.EqualTo(new[] { 2, 2, 3, 4 }));
        Assert.That(x.ToArray(), Is.EqualTo(Enumerable.Range(0, 48).Select(k => k / 10.0)));
        Assert.That(read.Spec.Parts.Single(p => p.Id == "b-channels").Implement!.ToString(), Is.EqualTo("double[,,] ChannelSum(double[,,,] x)"));
    }

    [Test]
    public void Solve_PrintsARank3Answer_AsNestedArrays_AndAsBlocks()
    {
        var problem = Load(Grading.RankSubmissionTests.Spec).Problem!;
        var solution = ReferenceSolver.Solve(problem);

        var json = JsonNode.Parse(SolutionWriter.Json(problem, solution))!;
        var sum = json["parts"]![0]!["answer"]!.AsArray();
        Assert.That((sum.Count, sum[0]!.AsArray().Count, sum[0]![0]!.AsArray().Count), Is.EqualTo((2, 3, 4)));
        Assert.That(sum[1]![2]![3]!.GetValue<double>(), Is.EqualTo(8.2).Within(1e-12));

        var text = SolutionWriter.Text(problem, solution);
        Assert.That(text, Does.Contain("  a-sum [s] (2 pts)\n    =\n      shape [2, 3, 4]: 2 blocks of 3 x 4\n      [0, :, :]\n"));
        Assert.That(text, Does.Contain("  d-twice-w [2 * w] (1 pts)\n    = [[2, 4], [6, 8]]\n"), "a matrix is printed as before");
    }

    [Test]
    public void MethodSignatureTypes_AreEveryRankUpTo6_BothWays()
    {
        Assert.That(MethodSignature.Types.Where(kv => kv.Value >= 3).Select(kv => kv.Key).Order(StringComparer.Ordinal), Is.EqualTo(new[]
        {
            "double[,,,,,]", "double[,,,,]", "double[,,,]", "double[,,]", "double[][][]", "double[][][][]", "double[][][][][]", "double[][][][][][]",
        }));
        Assert.That((MethodSignature.Types["double[,]"], MethodSignature.Types["double[][]"], MethodSignature.Types["double[]"], MethodSignature.Types["int"]),
            Is.EqualTo((2, 2, 1, 0)));
        Assert.That(Tensor.MaxRank, Is.EqualTo(6));
    }
}
