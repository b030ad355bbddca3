using Grader.Engine;
using Grader.Grading;
using Grader.Grading.Execution;
using Grader.Grading.Reports;
using Grader.Problems.Release;
using Grader.Problems.Yaml;
using Grader.Scripting;

namespace Grader.Tests.Grading;

/// <summary>
/// Submissions of rank 3 and 4, end to end: each script is compiled by real Roslyn and run in the grader's real worker
/// processes (the shared pool), its values cross the protocol both ways, and the report is what the grader writes.
/// A method <c>double[,,] F(double[,,,] x)</c>, one with jagged arrays, value parts answered with <c>double[,,]</c>,
/// <c>double[][][]</c> and a <c>double[][]</c>; ragged arrays, wrong shapes and a wrong method's report.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public class RankSubmissionTests
{
    public const string Spec = """
        id: feature-sum
        title: Sums over channels
        given:
          x: reshape(arange(48), [2, 2, 3, 4]) / 10
          y: [[[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10], [11, 12]]]
          w: [[1, 2], [3, 4]]
        compute:
          s: sum(x, axis: 1)
        parts:
          - id: a-sum
            prompt: The sum of x over its channels, shaped [N, H, W].
            answer: s
            points: 2
          - id: b-channels
            prompt: Implement the sum over channels for any batch.
            implement: "double[,,] ChannelSum(double[,,,] x)"
            answer: sum(x, axis: 1)
            cases:
              - given
              - random: { count: 3, seed: 5, hidden: true, x: normal(0, 1, [3, 4, 2, 5]) }
            points: 4
          - id: c-jagged
            implement: "double[][] Fold(double[][][] y)"
            answer: sum(y, axis: 0)
            cases:
              - given
              - random: { count: 2, seed: 9, y: uniform(-1, 1, [4, 2, 3]) }
            points: 2
          - id: d-twice-w
            answer: 2 * w
            points: 1
          - id: e-y
            answer: y - 1
            points: 1
        """;

    /// <summary>Right everywhere: a double[,,] and a double[][][] answer, a double[][] answer, both methods.</summary>
    public const string Right = """
        double[,,] ChannelSum(double[,,,] x)
        {
            var r = new double[x.GetLength(0), x.GetLength(2), x.GetLength(3)];
            for (var n = 0; n < x.GetLength(0); n++)
                for (var c = 0; c < x.GetLength(1); c++)
                    for (var i = 0; i < x.GetLength(2); i++)
                        for (var j = 0; j < x.GetLength(3); j++)
                            r[n, i, j] += x[n, c, i, j];
            return r;
        }

        double[][] Fold(double[][][] y)
        {
            var r = new double[y[0].Length][];
            for (var i = 0; i < r.Length; i++)
            {
                r[i] = new double[y[0][0].Length];
                foreach (var block in y)
                    for (var j = 0; j < r[i].Length; j++)
                        r[i][j] += block[i][j];
            }
            return r;
        }

        var x = new double[2, 2, 3, 4];
        for (var k = 0; k < 48; k++) x[k / 24, k / 12 % 2, k / 4 % 3, k % 4] = k / 10.0;
        Answer("a-sum", ChannelSum(x));
        Answer("d-twice-w", new[] { new[] { 2.0, 4 }, new[] { 6.0, 8 } });
        var y = new double[2][][];
        for (var n = 0; n < 2; n++)
        {
            y[n] = new double[3][];
            for (var i = 0; i < 3; i++)
                y[n][i] = new[] { 6.0 * n + 2 * i + 1 - 1, 6.0 * n + 2 * i + 2 - 1 };
        }
        Answer("e-y", y);
        """;

    private static SubmissionReport Grade(string source)
    {
        var loaded = SpecLoader.Load("feature-sum.yaml", Spec);
        Assert.That(loaded.Errors.Select(e => e.ToString()), Is.Empty);
        return new SubmissionGrader(TestRunners.Pool, HostileSubmissionsTests.Limits).GradeSource(new GradingProblem(loaded.Problem!), "ada", source, "feature-sum.csx");
    }

    private static PartReport Part(SubmissionReport r, string id) => r.Parts.Single(p => p.Id == id);

    [Test]
    public void RightAnswers_OfRank3And4_AndJaggedArrays_AreCorrect_ThroughTheWorker()
    {
        var r = Grade(Right);

        Assert.That(r.Status, Is.EqualTo(Status.Graded), r.Message);
        Assert.That(r.Parts.Select(p => (p.Id, p.Status)), Is.EqualTo(new[]
        {
            ("a-sum", Status.Correct), ("b-channels", Status.Correct), ("c-jagged", Status.Correct), ("d-twice-w", Status.Correct), ("e-y", Status.Correct),
        }), string.Join("\n", r.Parts.Select(p => p.Feedback)));
        Assert.That(r.Score, Is.EqualTo(10));
        Assert.That(Part(r, "b-channels").Cases, Is.EqualTo(new CaseCounts(4, 4, 3, 3)));
        Assert.That(r.Parts.Where(p => p.Values is not null), Is.Empty, "nothing is laid out for a right answer");
    }

    [Test]
    public void ARaggedJaggedArray_IsAnError_NamingTheRaggedRow()
    {
        var r = Grade("""
            Answer("d-twice-w", new[] { new[] { 2.0, 4 }, new[] { 6.0 } });
            var y = new double[2][][];
            y[0] = new[] { new[] { 0.0, 1 }, new[] { 2.0, 3 }, new[] { 4.0, 5 } };
            y[1] = new[] { new[] { 6.0, 7 }, new[] { 8.0, 9 } };
            Answer("e-y", y);
            Answer("a-sum", new[] { new[] { new[] { 1.0 } }, null });
            """);

        Assert.That(Part(r, "d-twice-w").Status, Is.EqualTo(Status.Error));
        Assert.That(Part(r, "d-twice-w").Feedback, Does.Contain("the double[][] is ragged: row [1] has 1 number where row [0] has 2"));
        Assert.That(Part(r, "e-y").Status, Is.EqualTo(Status.Error));
        Assert.That(Part(r, "e-y").Feedback, Does.Contain("the double[][][] is ragged: [1] has 2 rows where [0] has 3"));
        Assert.That(Part(r, "a-sum").Feedback, Does.Contain("[1] of the double[][][] is null"));
    }

    [TestCase("new double[24]", "[24]")]
    [TestCase("new double[6, 4]", "[6, 4]")]
    [TestCase("new double[2, 4, 3]", "[2, 4, 3]")]
    [TestCase("new double[1, 2, 3, 4]", "[1, 2, 3, 4]")]
    public void AnAnswerOfAnotherShape_IsRefused_NamingBothShapes(string value, string shape)
    {
        var part = Part(Grade($"Answer(\"a-sum\", {value});"), "a-sum");

        Assert.That(part.Status, Is.EqualTo(Status.Incorrect));
        Assert.That(part.Feedback, Does.StartWith($"expected shape [2, 3, 4], got {shape}"));
        Assert.That(part.Score, Is.Zero);
    }

    /// <summary>Right but for one element of every case's result, [1, 2, 3].</summary>
    private const string OneElementOff = """
        double[,,] ChannelSum(double[,,,] x)
        {
            var r = new double[x.GetLength(0), x.GetLength(2), x.GetLength(3)];
            for (var n = 0; n < x.GetLength(0); n++)
                for (var c = 0; c < x.GetLength(1); c++)
                    for (var i = 0; i < x.GetLength(2); i++)
                        for (var j = 0; j < x.GetLength(3); j++)
                            r[n, i, j] += x[n, c, i, j];
            r[1, 2, 3] += 1;
            return r;
        }
        Answer("e-y", new double[2, 3, 2]);
        """;

    [Test]
    public void AWrongMethod_NamesTheFullIndex_AndLaysOutTheVisibleCaseAndTheValue()
    {
        var r = Grade(OneElementOff);
        var part = Part(r, "b-channels");

        Assert.That(part.Status, Is.EqualTo(Status.Incorrect));
        Assert.That(part.Feedback, Does.StartWith("0 of 4 cases pass (0 of 3 hidden). case 1 (x shaped [2, 2, 3, 4]): 1 of 24 values are off; worst at [1, 2, 3]: got 9.2, expected 8.2"));
        Assert.That(part.Values!.Select(v => (v.Label, Shape: Tensor.FormatShape(v.Shape))), Is.EqualTo(new[]
        {
            ("case 1, input x", "[2, 2, 3, 4]"), ("case 1, your value", "[2, 3, 4]"),
        }), "the visible case only: the hidden ones show nothing");
        Assert.That(part.Values![0].Text, Does.StartWith("shape [2, 2, 3, 4]: 4 blocks of 3 x 4\n[0, 0, :, :]\n"));
        Assert.That(part.Values![0].Text, Does.Contain("[0, 1, :, :]\n  1.2  1.3  1.4  1.5\n"));
        Assert.That(Part(r, "e-y").Feedback, Does.Contain("worst at [1, 2, 1]: got 0, expected 11"), "a value part names the full index too");
        Assert.That(Part(r, "e-y").Values!.Single().Label, Is.EqualTo("your value"));
    }

    /// <summary>The report of a wrong rank-4 method as a student reads it, in Markdown and on the console (approved files).</summary>
    [Test]
    public void TheReportOfAWrongMethod_MatchesApproved()
    {
        var r = Grade(OneElementOff) with { Sandbox = null };

        Approvals.Verify(Path.Combine("reports", "rank-4", "feature-sum.md"), ReportMarkdown.Write(r));
        Approvals.Verify(Path.Combine("reports", "rank-4", "feature-sum.txt"), ReportText.Write(r));
    }

    [Test]
    public void AMethodOfWrongParameterRank_SaysWhatTheProblemAsksFor()
    {
        var part = Part(Grade("double[,,] ChannelSum(double[,,] x) => x;"), "b-channels");

        Assert.That(part.Feedback, Does.Contain("ChannelSum takes (double[,,]) but the problem asks for (double[,,,])"));
    }

    [Test]
    public void AValueOfSevenAxes_IsRefusedByTheWorker()
    {
        var part = Part(Grade("Answer(\"a-sum\", new double[1, 1, 1, 2, 1, 3, 4]);"), "a-sum");

        Assert.That(part.Status, Is.EqualTo(Status.Error));
        Assert.That(part.Feedback, Does.Contain("a double[,,,,,,] has 7 axes; a value has at most 6"));
    }
    /// <summary>
    /// The student's kit of a rank-4 problem: a starter that compiles and says how to read the axes, a handout with the
    /// givens in blocks, and a public file whose check of the right submission says ready, through the worker.
    /// </summary>
    [Test]
    public void TheKit_OfARank4Problem_Works()
    {
        var pub = PublicSpecBuilder.Build(SpecLoader.Load("feature-sum.yaml", Spec).Problem!).Spec;

        var starter = Starter.Write(pub);
        Assert.That(starter, Does.Contain("// x is a double[,,,], shaped [2, 2, 3, 4] at the given values: x.GetLength(0) to x.GetLength(3) are the lengths of its axes.\ndouble[,,] ChannelSum(double[,,,] x)\n"));
        Assert.That(starter, Does.Contain("// y is a double[][][], shaped [2, 3, 2] at the given values: y.Length, y[0].Length, ... are the lengths of its axes."));
        Assert.That(starter, Does.Contain("// A value shaped [2, 3, 4] (3 axes: new double[2, 3, 4], or a double[][][] of the same shape). Uncomment and fill in:\n// Answer(\"a-sum\", new double[2, 3, 4]);"));
        Assert.That(ScriptCompiler.Compile(starter, "feature-sum.csx").Status, Is.EqualTo(CompileResult.Compiled));

        Assert.That(Handout.Write(pub, null), Does.Contain(
            "- `x`, shaped [2, 2, 3, 4] (every number of it is in `feature-sum.public.yaml`):\n\n  ```text\n  shape [2, 2, 3, 4]: 4 blocks of 3 x 4\n  [0, 0, :, :]\n      0  0.1  0.2  0.3\n"));

        var dir = Path.Combine(Path.GetTempPath(), $"grader-rank-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var file = Path.Combine(dir, "feature-sum.csx");
            File.WriteAllText(file, Right);
            var read = PublicSpecLoader.Load("feature-sum.public.yaml", PublicSpecWriter.Write(pub));
            var report = new SubmissionGrader(TestRunners.Pool, HostileSubmissionsTests.Limits).CheckPublic(read.Spec!, null, file);
            Assert.That(PublicCheck.IsReady(report), Is.True, ReportText.Write(report));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
