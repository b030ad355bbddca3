using Grader.Engine;
using Grader.Grading.Reports;

namespace Grader.Tests.Grading.Reports;

/// <summary>
/// How a value is printed for people (<see cref="ValueText"/>): the index of an element at any rank, and a value of
/// rank 3 or 4 laid out as labelled matrices, bounded; and every report format carrying such a layout.
/// </summary>
public class ValueLayoutTests
{
    private static Tensor Counting(params int[] shape) =>
        new(shape, Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(k => (double)k).ToArray());

    [TestCase(new[] { 5 }, 3, "[3]")]
    [TestCase(new[] { 2, 3 }, 5, "[1, 2]")]
    [TestCase(new[] { 2, 3, 4 }, 23, "[1, 2, 3]")]
    [TestCase(new[] { 2, 3, 4, 5 }, 27, "[0, 1, 1, 2]")]
    [TestCase(new[] { 2, 3, 4, 5 }, 67, "[1, 0, 1, 2]")]
    [TestCase(new[] { 2, 1, 1, 1, 1, 3 }, 4, "[1, 0, 0, 0, 0, 1]")]
    public void Index_IsTheFullMultiIndex(int[] shape, int flat, string index) =>
        Assert.That(ValueText.Index(shape, flat), Is.EqualTo(index));

    [Test]
    public void Layout_OfRank3_IsOneLabelledMatrixPerLeadingIndex()
    {
        var t = new Tensor([2, 2, 3], [1, 2.5, -3, 10, 0, 0.125, 7, 8, 9, -10, 11, 12]);

        Assert.That(ValueText.Layout(t), Is.EqualTo("""
            shape [2, 2, 3]: 2 blocks of 2 x 3
            [0, :, :]
               1  2.5     -3
              10    0  0.125
            [1, :, :]
                7   8   9
              -10  11  12
            """.Replace("\r\n", "\n")));
    }

    [Test]
    public void Layout_OfRank2AndBelow_IsAsBefore()
    {
        Assert.That(ValueText.Layout(Tensor.Scalar(2.5)), Is.EqualTo("2.5"));
        Assert.That(ValueText.Layout(Tensor.Vector(1, 2, 3)), Is.EqualTo("[1, 2, 3]"));
        Assert.That(ValueText.Layout(Tensor.Matrix(new double[,] { { 1, 20 }, { 300, 4 } })), Is.EqualTo("  1  20\n300   4"));
    }

    /// <summary>A CIFAR-sized batch: the shape, two blocks of 12 x 10 of 32 x 32, and what was left out; not 196,608 numbers.</summary>
    [Test]
    public void Layout_OfABatchOfImages_IsBounded_AndSaysWhatIsLeftOut()
    {
        var layout = ValueText.Layout(Counting(64, 3, 32, 32));

        var numbers = layout.Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Count(w => double.TryParse(w, out _));
        Assert.That(numbers, Is.LessThanOrEqualTo(ValueText.MaxNumbers));
        Assert.That(layout, Does.StartWith("shape [64, 3, 32, 32]: 192 blocks of 32 x 32\n[0, 0, :, :] (the first 12 of 32 rows, 10 of 32 columns)\n"));
        Assert.That(layout, Does.EndWith("… and 190 more blocks, to [63, 2, :, :] (196608 numbers in all)"));
        Approvals.Verify(Path.Combine("values", "64x3x32x32.txt"), layout + "\n");
    }

    [Test]
    public void Layout_OfAnEmptyValue_SaysSo() =>
        Assert.That(ValueText.Layout(new Tensor([0, 3, 4], [])), Is.EqualTo("shape [0, 3, 4]: no numbers"));

    private static SubmissionReport WithAValue()
    {
        var value = new ShownValue("case 1, input x", [2, 1, 2, 2], ValueText.Layout(new Tensor([2, 1, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8])));
        return new SubmissionReport
        {
            Problem = "p",
            Student = "ada",
            Score = 0,
            MaxScore = 1,
            Status = Status.Graded,
            Parts = [new PartReport("impl", 0, 1, Status.Incorrect, "case 1 (x shaped [2, 1, 2, 2]): wrong") { Values = [value] }],
        };
    }

    [Test]
    public void EveryFormat_LaysOutTheValue()
    {
        var r = WithAValue();
        var info = new ProblemInfo("p", 1, [new PartInfo("impl", 1, false)]);
        const string Block = "[1, 0, :, :]\n  5  6\n  7  8";

        Assert.That(ReportText.Write(r), Does.Contain("      case 1, input x:\n        shape [2, 1, 2, 2]: 2 blocks of 2 x 2\n        [0, 0, :, :]\n          1  2\n"));
        Assert.That(ReportMarkdown.Write(r), Does.Contain("## Values\n\nimpl, case 1, input x:\n\n```text\nshape [2, 1, 2, 2]: 2 blocks of 2 x 2\n[0, 0, :, :]\n"));
        Assert.That(StudentPageHtml.Write("ada", [info], new Dictionary<(string, string), SubmissionReport> { [("ada", "p")] = r }), Does.Contain("<pre>shape [2, 1, 2, 2]: 2 blocks of 2 x 2\n[0, 0, :, :]\n  1  2\n"));
        Assert.That(ReportJUnit.Write([r]), Does.Contain("wrong\n\ncase 1, input x:\nshape [2, 1, 2, 2]").And.Contain(Block));
        Assert.That(System.Text.Json.Nodes.JsonNode.Parse(ReportGradescope.Write(r, info))!["tests"]![0]!["output"]!.GetValue<string>(), Does.EndWith(Block));
        var json = ReportJson.Read(ReportJson.Write(r))!;
        Assert.That(json.Parts[0].Values!.Single().Text, Does.EndWith(Block), "JSON carries it, and reads it back (merge)");
        Assert.That(json.Parts[0].Values!.Single().Shape, Is.EqualTo(new[] { 2, 1, 2, 2 }));
    }

    [Test]
    public void AReportTooLarge_DropsTheLayoutsFirst()
    {
        var big = ValueText.Layout(Counting(4, 3, 32, 32));
        var parts = Enumerable.Range(0, 60).Select(i => new PartReport($"p{i}", 0, 1, Status.Incorrect, "wrong")
        {
            Values = [new ShownValue("your value", [4, 3, 32, 32], big)],
        }).ToList();
        var r = WithAValue() with { Parts = parts };

        var fit = ReportLimits.Fit(r);

        Assert.That(fit.Parts.All(p => p.Values is null), Is.True);
        Assert.That(fit.Parts.All(p => p.Feedback == "wrong"), Is.True, "the feedback is kept whole");
    }
}
