using System.Text;
using Grader.Problems.Expressions;
using Grader.Problems.Feedback;
using Grader.Problems.Solving;
using Grader.Problems.Yaml;

namespace Grader.Tests.Problems;

/// <summary>
/// A spec that was valid stays valid when a built-in is added: a name in value position is the spec's own (a given, a
/// step, a submitted value), a call is a function (the spec's own first, then the built-in).
/// </summary>
public class BuiltinNamesTests
{
    [Test]
    public void AStepNamedBce_BesideTheBuiltInBce_Validates_AndEachMeansItsOwn()
    {
        const string spec = """
            id: bce-step
            given:
              p: 0.8
              t: 1
            compute:
              bce: -(t * log(p) + (1 - t) * log(1 - p))
              twice: 2 * bce
            parts:
              - id: a
                answer: twice - 2 * bce(p, t)
                points: 1
              - id: b
                answer: bce
                points: 1
            """;
        var loaded = SpecLoader.Load("bce-step.yaml", spec);
        Assert.That(loaded.Errors, Is.Empty, string.Join("\n", loaded.Errors));
        var answers = ReferenceSolver.Solve(loaded.Problem!).ToDictionary(s => s.Part.Id, s => s.Expected![0]);
        Assert.That(answers["a"], Is.EqualTo(0).Within(1e-12));
        Assert.That(answers["b"], Is.EqualTo(-Math.Log(0.8)).Within(1e-12));
    }

    /// <summary>One spec naming a step after every built-in there is (and a given and a function after some): every future built-in is in it.</summary>
    [Test]
    public void AStepNamedAfterEveryBuiltIn_Validates_AndKeepsItsValue()
    {
        var yaml = new StringBuilder("id: every-builtin\ngiven:\n  x: [0.5, -1, 2]\n  relu: [3, 4, 5]\nfunctions:\n  softmax(z): z + 1\ncompute:\n");
        var names = Builtins.Names.Where(n => n is not ("relu" or "softmax")).ToList();
        foreach (var name in names)
        {
            yaml.Append($"  {name}: x * 2\n");
        }
        yaml.Append("parts:\n");
        foreach (var name in names)
        {
            yaml.Append($"  - id: step-{name}\n    answer: {name}\n    points: 1\n");
        }
        yaml.Append("  - id: calls\n    answer: sum(sum) + max(relu) + softmax(1)\n    points: 1\n");
        var loaded = SpecLoader.Load("every-builtin.yaml", yaml.ToString());
        Assert.That(loaded.Errors, Is.Empty, string.Join("\n", loaded.Errors.Take(10)));
        var answers = ReferenceSolver.Solve(loaded.Problem!).ToDictionary(s => s.Part.Id, s => s.Expected!.ToArray());
        foreach (var name in names)
        {
            Assert.That(answers[$"step-{name}"], Is.EqualTo(new[] { 1.0, -2, 4 }), name);
        }
        // sum of the step `sum` (3), the built-in max of the given `relu` (5), the spec's own softmax (2).
        Assert.That(answers["calls"], Is.EqualTo(new[] { 10.0 }));
    }
}
