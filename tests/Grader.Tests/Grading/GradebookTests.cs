using Grader.Grading.Reports;

namespace Grader.Tests.Grading;

/// <summary>gradebook.csv is RFC 4180 and safe to open in a spreadsheet (no formula injection from folder names).</summary>
public class GradebookTests
{
    [TestCase("alice", "alice")]
    [TestCase("=1+2", "\"'=1+2\"")]
    [TestCase("+cmd", "\"'+cmd\"")]
    [TestCase("-2+3", "\"'-2+3\"")]
    [TestCase("@SUM(A1)", "\"'@SUM(A1)\"")]
    [TestCase("\tx", "\"'\tx\"")]
    [TestCase("\rx", "\"'\rx\"")]
    [TestCase("a,b", "\"a,b\"")]
    [TestCase("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [TestCase("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [TestCase("o'brien", "o'brien")]
    public void Csv_Field_IsQuotedAndDefused(string text, string expected) => Assert.That(Gradebook.Csv(text), Is.EqualTo(expected));

    [Test]
    public void Write_AStudentNamedLikeAFormula_CannotRunInASpreadsheet()
    {
        var report = new SubmissionReport { Problem = "p", Student = "=1+2", Score = 1.5, MaxScore = 2, Status = Status.Graded, Parts = [] };
        var csv = Gradebook.Write(["=1+2", "bob"], ["p"], new Dictionary<(string, string), SubmissionReport> { [("=1+2", "p")] = report });
        Assert.That(csv.Split('\n'), Is.EqualTo(new[] { "student,p,total", "\"'=1+2\",1.5,1.5", "bob,0,0", "" }));
    }
}
