using Grader.Grading.Reports;

namespace Grader.Tests.Grading;

/// <summary>A run that printed nothing (a time-out before any output, say) shows no empty output section in any format.</summary>
public class ReportOutputTests
{
    private static SubmissionReport With(string? output) => new()
    {
        Problem = "p",
        Student = "s",
        Score = 0,
        MaxScore = 1,
        Status = Status.Timeout,
        Parts = [new PartReport("a", 0, 1, Status.Timeout, "timed out")],
        Output = output,
    };

    [TestCase(null)]
    [TestCase("")]
    public void NothingPrinted_ShowsNoOutputSection(string? output)
    {
        var r = With(output);
        Assert.That(ReportMarkdown.Write(r), Does.Not.Contain("## Output"));
        Assert.That(ReportText.Write(r), Does.Not.Contain("output:"));
        Assert.That(ReportGradescope.Write(r, null), Does.Not.Contain("output:"));
    }

    [Test]
    public void SomethingPrinted_ShowsIt()
    {
        var r = With("hello");
        Assert.That(ReportMarkdown.Write(r), Does.Contain("## Output"));
        Assert.That(ReportText.Write(r), Does.Contain("output:").And.Contains("hello"));
    }
}
