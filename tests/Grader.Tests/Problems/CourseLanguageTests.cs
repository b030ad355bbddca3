using Grader.Problems.Feedback;
using Grader.Problems.Solving;
using Grader.Problems.Yaml;

namespace Grader.Tests.Problems;

/// <summary>The spelling of the course language in specs: named arguments, slices, random labels, and their errors.</summary>
public class CourseLanguageTests
{
    private static SpecLoadResult Load(string parts, string given = "given: { S: [[1, 5, 2], [7, 0, 7]], v: [4, 5, 6, 7] }") =>
        SpecLoader.Load("t.yaml", $"id: t\n{given}\nparts:\n{parts}");

    private static double[] Answer(string expr)
    {
        var result = Load($"  - id: p\n    answer: {expr}\n");
        Assert.That(result.Errors.Select(e => e.ToString()), Is.Empty);
        return ReferenceSolver.Solve(result.Problem!)[0].Shown!.ToArray();
    }

    [TestCase("max(S, axis: 1)", new[] { 5.0, 7.0 })]
    [TestCase("min(S, axis: 0)", new[] { 1.0, 0.0, 2.0 })]
    [TestCase("max(S, 1)", new[] { 1.0, 5.0, 2.0, 7.0, 1.0, 7.0 })]
    [TestCase("argmax(S, axis: 1)", new[] { 1.0, 0.0 })]
    [TestCase("S[:, 1]", new[] { 5.0, 0.0 })]
    [TestCase("S[1, 0:2]", new[] { 7.0, 0.0 })]
    [TestCase("v[1:3]", new[] { 5.0, 6.0 })]
    [TestCase("v[-2:]", new[] { 6.0, 7.0 })]
    [TestCase("concat(v[:1], v[3:])", new[] { 4.0, 7.0 })]
    [TestCase("reshape(S, [3, 2])[2]", new[] { 0.0, 7.0 })]
    [TestCase("conv1d(v, [1, -1], stride: 2)", new[] { -1.0, -1.0 })]
    public void Expression_UnquotedInYaml_Evaluates(string expr, double[] expected) =>
        Assert.That(Answer(expr), Is.EqualTo(expected));

    [TestCase("max(S, axs: 1)", "max has no argument named `axs`", "did you mean `axis`?")]
    [TestCase("max(S, v, axis: 1)", "max(a, b) is elementwise and takes no axis", null)]
    [TestCase("sigmoid(S, axis: 1)", "sigmoid has no argument named `axis`", null)]
    [TestCase("max(S, axis: 2)", "axis 2 is out of range for a value with 2 axes (axes run from -2 to 1)", null)]
    [TestCase("v[1.5:3]", "an index is a whole number", null)]
    [TestCase("S[0, 1, 2]", "3 indices for shape [2, 3]", null)]
    [TestCase("S[:, 0, 1]", "3 indices for shape [2, 3]", null)]
    public void Expression_Bad_IsASpecError(string expr, string message, string? hint)
    {
        var errors = Load($"  - id: p\n    answer: {expr}\n").Errors;
        Assert.That(errors.Select(e => e.Message), Has.Some.Contains(message));
        if (hint is not null)
        {
            Assert.That(errors.Select(e => e.Hint), Has.Some.Contains(hint));
        }
    }

    [Test]
    public void Randint_InAGiven_DrawsWholeNumbersInRange()
    {
        var result = Load("  - { id: p, answer: labels }\n", "seed: 9\ngiven: { labels: 'randint(0, 3, [50])' }");
        Assert.That(result.Errors.Select(e => e.ToString()), Is.Empty);
        var labels = ReferenceSolver.Solve(result.Problem!)[0].Shown!.ToArray();
        Assert.That(labels, Has.All.AnyOf(0.0, 1.0, 2.0));
        Assert.That(labels.Distinct().Count(), Is.EqualTo(3));
    }
}
