using Grader.Grading;
using Grader.Grading.Execution;
using Grader.Grading.Reports;
using Grader.Problems.Yaml;

namespace Grader.Tests.Grading;

/// <summary>
/// End to end (slow: a real worker): an ordinary MNIST homework, a 784-256-10 MLP on a batch of 64 whose gradients are
/// methods with hidden cases, is graded through the sandbox. Its request (eight cases of 253,770 inputs) and its reply
/// (two [256, 784] gradients among the rest) are frames of several MB each, past the 4 MB a reply could once hold.
/// </summary>
public class OrdinaryHomeworkTests
{
    [Test]
    public void SlowEndToEnd_AnMlpAtBatch64_IsGraded_EveryMethodOnEveryCase()
    {
        var folder = Repo.Path("tests/Grader.Tests/Fixtures/limits");
        var loaded = SpecLoader.LoadFile(Path.Combine(folder, "mlp-batch64.yaml"));
        Assert.That(loaded.Errors, Is.Empty);
        var problem = new GradingProblem(loaded.Problem!);
        // The references, hidden cases included, are computed once for the class: every student grades against them.
        Assert.That(problem.For("alice"), Is.SameAs(problem));
        Assert.That(problem.For("bob"), Is.SameAs(problem));
        var report = new SubmissionGrader(TestRunners.Pool, ExecutionLimits.Default)
            .Grade(problem.For("alice"), "alice", Path.Combine(folder, "mlp-batch64.csx"));
        Assert.That(report.Status, Is.EqualTo(Status.Graded), report.Message);
        var methods = report.Parts.Where(p => p.Id.EndsWith("-impl", StringComparison.Ordinal)).ToList();
        Assert.That(methods.Select(p => p.Id), Is.EqualTo(new[] { "grad-W1-impl", "grad-b1-impl", "grad-W2-impl", "grad-b2-impl" }));
        foreach (var part in methods)
        {
            Assert.That((part.Status, part.Feedback), Is.EqualTo((Status.Correct, "2 of 2 cases pass (1 of 1 hidden)")), part.Id);
        }
    }
}
