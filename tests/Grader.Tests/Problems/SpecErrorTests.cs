using Grader.Problems.Yaml;

namespace Grader.Tests.Problems;

/// <summary>Bad specs are rejected whole, with every error at file:line:column and a hint.</summary>
public class SpecErrorTests
{
    private const string Base = """
        id: t
        given:
          W: [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
          x: [1, 2]
        compute:
          y: W @ x
        parts:
          - id: p
            answer: y
        """;

    private static IReadOnlyList<string> Errors(string yaml)
    {
        var result = SpecLoader.Load("t.yaml", yaml);
        Assert.That(result.IsValid, Is.False, "the spec should be rejected");
        Assert.That(result.Problem, Is.Null);
        return result.Errors.Select(e => e.ToString()).ToList();
    }

    [Test]
    public void Load_ShapeMismatch_NamesBothShapesAndPosition()
    {
        var errors = Errors(Base);
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Does.StartWith("t.yaml:6:6: error: W @ x: [3, 3] @ [2]"));
        Assert.That(errors[0], Does.Contain("hint:"));
    }

    public static IEnumerable<TestCaseData> SingleErrors()
    {
        yield return new TestCaseData("id: t\ngiven: { x: 1 }\nparts:\n  - id: p\n    anwser: x\n", "t.yaml:5:5", "unknown key `anwser` in part `p`", "did you mean `answer`?")
            .SetName("Load_UnknownKey_SuggestsTheKnownOne");
        yield return new TestCaseData("id: t\ngiven: { x: 1 }\nparts:\n  - id: p\n    answer: sigmod(x)\n", "t.yaml:5:13", "unknown function `sigmod`", "did you mean `sigmoid`?")
            .SetName("Load_UnknownFunction_SuggestsTheBuiltin");
        yield return new TestCaseData("id: t\ngiven: { x: 1 }\nparts:\n  - id: p\n    answer: x + yy\n", "t.yaml:5:17", "unknown name `yy`", "define it under given:")
            .SetName("Load_UnknownName_PointsAtIt");
        yield return new TestCaseData("id: t\ngiven: { x: 1 }\ncompute:\n  a: b + x\n  b: 2 * x\nparts:\n  - id: p\n    answer: a\n", "t.yaml:4:6", "`b` is used before it is defined", "reorder")
            .SetName("Load_NameUsedBeforeDefinition_SaysMoveIt");
        yield return new TestCaseData("id: t\ngiven: { x: 1 }\ncompute:\n  a: b + x\n  b: 2 * a\nparts:\n  - id: p\n    answer: a\n", "t.yaml:4:6", "cycle: a -> b -> a", null)
            .SetName("Load_Cycle_ShowsThePath");
        yield return new TestCaseData("id: t\ngiven: { x: 1 }\nparts:\n  - id: p\n    answer: x\n  - id: p\n    answer: x\n", "t.yaml:6:9", "duplicate part id `p` (first at line 4)", null)
            .SetName("Load_DuplicatePartId_NamesTheFirst");
        yield return new TestCaseData("id: t\ngiven: { x: 1 }\ngiven: { y: 2 }\nparts:\n  - id: p\n    answer: x\n", "t.yaml:3:1", "duplicate key `given`", null)
            .SetName("Load_DuplicateKey_IsAnError");
        yield return new TestCaseData("""
            id: t
            given: { x: [1, 2] }
            parts:
              - id: p
                implement: "double[] F(double[] x)"
                answer: 2 * x
                cases:
                  - random: { count: 2, seed: 1, x: normal(0, 1, [2, -3]) }
            """, "t.yaml:8:", "shape [2, -3] has a bad dimension `-3`", "a shape is []")
            .SetName("Load_RandomGeneratorBadShape_IsAnError");
        yield return new TestCaseData("""
            id: t
            given: { x: [1, 2] }
            parts:
              - id: p
                implement: "double[] F(double[] x)"
                answer: 2 * x
                cases:
                  - random: { count: 2, seed: 1, x: normal(0, 1, [2, 1, 1, 1, 1, 1, 2]) }
            """, "t.yaml:8:", "has 7 axes; a value has at most 6", null)
            .SetName("Load_RandomGeneratorSevenAxes_IsAnError");
        yield return new TestCaseData("id: t\ngiven: { x: 1 }\nparts:\n  - id: p\n    answer: grad([x, x], x)\n", "t.yaml:5:13", "grad needs a scalar", "use jacobian")
            .SetName("Load_GradOfAVector_SaysUseJacobian");
        yield return new TestCaseData("id: t\ngiven: { x: [1, 2] }\nparts:\n  - id: p\n    implement: \"double F(double[] y)\"\n    answer: sum(x)\n", "t.yaml:4:5", "parameter `y` of F is not a given", null)
            .SetName("Load_ImplementParameterNotAGiven_IsAnError");
        yield return new TestCaseData("id: t\ngiven: { x: [1, 2] }\nparts:\n  - id: p\n    implement: \"double F(double[] x)\"\n    answer: 2 * x\n", "t.yaml:4:5", "the result of F is declared double but its value has shape [2]", null)
            .SetName("Load_ImplementReturnTypeMismatch_IsAnError");
        yield return new TestCaseData("id: t\nnetwork:\n  input: x\n  layers:\n    - { name: h, units: 2, activation: sigmoidd, weights: [[1], [2]], bias: [0, 0] }\ngiven: { x: [1] }\nparts:\n  - id: p\n    answer: h.z\n", "t.yaml:5:", "unknown activation `sigmoidd`", "did you mean `sigmoid`?")
            .SetName("Load_UnknownActivation_SuggestsOne");
        yield return new TestCaseData("id: t\ngiven: { x: [1] }\nnetwork:\n  input: x\n  layers:\n    - { name: h, units: 3, weights: [[1], [2]], bias: [0, 0, 0] }\nparts:\n  - id: p\n    answer: h.z\n", "t.yaml:6:", "the layer has 3 units but its weights are shaped [2, 1]", null)
            .SetName("Load_LayerUnitsDisagreeWithWeights_IsAnError");
        yield return new TestCaseData("id: t\npoints: 10\ngiven: { x: 1 }\nparts:\n  - { id: p, answer: x, points: 3 }\n", "t.yaml:1:1", "points is 10 but the parts' points add up to 3", null)
            .SetName("Load_PointsDisagree_IsAnError");
        yield return new TestCaseData("id: t\ngiven: { x: 1 }\nfunctions:\n  f(x): g(x)\n  g(x): f(x)\nparts:\n  - { id: p, answer: f(x) }\n", "t.yaml:4:3", "cycle: f -> g -> f", null)
            .SetName("Load_RecursiveFunctions_AreACycle");
        yield return new TestCaseData("id: t\ngiven: { x: [1, 2\nparts: []\n", "t.yaml:", "YAML syntax", null)
            .SetName("Load_BrokenYaml_ReportsSyntax");
    }

    [TestCaseSource(nameof(SingleErrors))]
    public void Load_BadSpec_ReportsError(string yaml, string position, string message, string? hint)
    {
        var errors = Errors(yaml);
        var match = errors.FirstOrDefault(e => e.Contains(message));
        Assert.That(match, Is.Not.Null, $"no error says `{message}`; got:\n{string.Join("\n", errors)}");
        Assert.That(match, Does.StartWith(position));
        if (hint is not null)
        {
            Assert.That(match, Does.Contain(hint));
        }
    }

    [Test]
    public void Load_ManyErrors_ReportsAllAtOnce()
    {
        var yaml = """
            id: t
            titel: typo
            given:
              W: [[1, 2], [3, 4]]
              x: [1, 2, 3]
            compute:
              y: W @ x
              z: tanhh(y)
            parts:
              - id: a
                answer: y
              - id: a
                answer: q
            """;
        var errors = Errors(yaml);
        Assert.That(errors, Has.Some.Contains("t.yaml:2:1: error: unknown key `titel`"));
        Assert.That(errors, Has.Some.Contains("t.yaml:8:6: error: unknown function `tanhh`"));
        Assert.That(errors, Has.Some.Contains("t.yaml:12:9: error: duplicate part id `a`"));
        Assert.That(errors, Has.Some.Contains("t.yaml:13:13: error: unknown name `q`"));
        // Independent of the errors above, in the same pass: the shape error of y, which the first part answers.
        Assert.That(errors, Has.Some.Contains("t.yaml:7:6: error: W @ x: [2, 2] @ [3]: inner dimensions 2 and 3 differ"));
        Assert.That(errors, Has.Count.EqualTo(5));
    }

    [Test]
    public void Load_ShapeErrorInOneStep_DoesNotRepeatInStepsThatUseIt()
    {
        var yaml = Base.Replace("          y: W @ x", "          y: W @ x\n          z: sigmoid(y)\n          L: sum(z)");
        var errors = Errors(yaml.Replace("answer: y", "answer: L"));
        Assert.That(errors, Has.Count.EqualTo(1));
    }

    [Test]
    public void Load_FormatExampleFlowMapping_ParsesCallsWithCommas()
    {
        var yaml = """
            id: t
            given: { x: [1, 2], W: [[1, 0], [0, 1]] }
            parts:
              - id: p
                implement: "double[] F(double[,] W, double[] x)"
                answer: W @ x
                cases:
                  - given
                  - random: { count: 3, seed: 7, hidden: true,
                              W: normal(0, 0.5, [2, 2]), x: uniform(-2, 2, [2]) }
            """;
        var result = SpecLoader.Load("t.yaml", yaml);
        Assert.That(result.Errors, Is.Empty);
        var cases = Grader.Problems.Solving.ReferenceSolver.Cases(result.Problem!, result.Problem!.Parts[0]);
        Assert.That(cases, Has.Count.EqualTo(4));
        Assert.That(cases.Skip(1).All(c => c.Hidden), Is.True);
        Assert.That(cases[1].Inputs[0].Value.Shape, Is.EqualTo(new[] { 2, 2 }));
    }

    [Test]
    public void Load_VectorMinusColumn_IsValidButWarned()
    {
        var yaml = "id: t\ngiven:\n  Y: [1, 2, 3]\n  yhat: [[1], [2], [3]]\ncompute:\n  L: sum((Y - yhat)^2)\nparts:\n  - { id: p, answer: L }\n";
        var result = SpecLoader.Load("t.yaml", yaml);
        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Warnings.Select(w => w.Format("warning")), Has.One.StartsWith("t.yaml:6:11: warning: Y - yhat: [3] - [3, 1] broadcasts to [3, 3]"));
    }

    [Test]
    public void Load_VectorPlusEachRow_IsNotWarned()
    {
        var yaml = "id: t\ngiven:\n  b: [1, 2]\n  X: [[1, 2], [3, 4], [5, 6]]\ncompute:\n  A: X + b\nparts:\n  - { id: p, answer: A }\n";
        Assert.That(SpecLoader.Load("t.yaml", yaml).Warnings, Is.Empty);
    }

    [TestCase("[0,5, 1,5]", "t.yaml:3:7: warning: `0,5` reads as two numbers, 0 and 5")]
    [TestCase("[[1, 2], [0,25, -3,75]]", "t.yaml:3:16: warning: `0,25` reads as two numbers")]
    [TestCase("[-1,5, 2]", "t.yaml:3:7: warning: `-1,5` reads as two numbers, -1 and 5")]
    public void Load_ListWithDecimalCommas_IsWarnedAtTheFirstOne(string list, string warning)
    {
        var result = SpecLoader.Load("t.yaml", $"id: t\ngiven:\n  x: {list}\nparts:\n  - {{ id: p, answer: sum(x) }}\n");
        Assert.That(result.Warnings.Select(w => w.Format("warning")), Has.One.StartsWith(warning));
    }

    [TestCase("[1,2,3]")]
    [TestCase("[1, 2, 3]")]
    [TestCase("[0.5, 1.5]")]
    [TestCase("[[1,2], [3,4]]")]
    [TestCase("[1.5,2, 3]")]
    public void Load_ListSpacedOneWay_IsNotWarned(string list) =>
        Assert.That(SpecLoader.Load("t.yaml", $"id: t\ngiven:\n  x: {list}\nparts:\n  - {{ id: p, answer: sum(x) }}\n").Warnings, Is.Empty);
}
