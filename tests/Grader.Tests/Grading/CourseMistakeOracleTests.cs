using System.Globalization;
using System.Text.Json;
using Grader.Grading;
using Grader.Grading.Execution;
using Grader.Grading.Reports;
using Grader.Problems.Yaml;

namespace Grader.Tests.Grading;

/// <summary>
/// The course's mistakes, one or two at a time, computed by hand in PyTorch float64 (Fixtures/torch/make_course_mistakes.py,
/// not by the grader's rules) and graded as a student's script: the report names exactly that mistake, or that pair.
/// </summary>
public class CourseMistakeOracleTests
{
    public sealed record MistakenAnswer(string Spec, string Part, string[] Mistakes, JsonElement Value)
    {
        public override string ToString() => $"{Spec}:{Part}:{string.Join("+", Mistakes)}";
    }

    public static IEnumerable<MistakenAnswer> Answers()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Repo.Path("tests", "Grader.Tests", "Fixtures", "torch", "course-mistakes.json")));
        return doc.RootElement.GetProperty("answers").EnumerateArray().Select(a => new MistakenAnswer(
            a.GetProperty("spec").GetString()!, a.GetProperty("part").GetString()!,
            a.GetProperty("mistakes").EnumerateArray().Select(m => m.GetString()!).ToArray(), a.GetProperty("value").Clone())).ToList();
    }

    /// <summary>A C# literal of a value of any rank (rectangular arrays), numbers to 10 significant figures.</summary>
    public static string Literal(JsonElement v)
    {
        if (v.ValueKind == JsonValueKind.Number)
        {
            return v.GetDouble().ToString("G10", CultureInfo.InvariantCulture);
        }
        var rank = 0;
        for (var e = v; e.ValueKind == JsonValueKind.Array; e = e[0])
        {
            rank++;
        }
        static string Braces(JsonElement e) => e.ValueKind == JsonValueKind.Array
            ? "{ " + string.Join(", ", e.EnumerateArray().Select(Braces)) + " }"
            : e.GetDouble().ToString("G10", CultureInfo.InvariantCulture);
        return $"new double[{new string(',', rank - 1)}] {Braces(v)}";
    }

    [TestCaseSource(nameof(Answers))]
    public void TheReport_NamesTheMistakes(MistakenAnswer a)
    {
        var problem = new GradingProblem(SpecLoader.LoadFile(Repo.Path("problems", a.Spec + ".yaml")).Problem!);
        using var runner = new InProcessRunner();
        var report = new SubmissionGrader(runner, ExecutionLimits.Default)
            .GradeSource(problem, "s", $"Answer(\"{a.Part}\", {Literal(a.Value)});", "s.csx");
        var part = report.Parts.Single(p => p.Id == a.Part);
        Assert.That(part.Status, Is.EqualTo(Status.Incorrect), part.Feedback);
        if (a.Mistakes.Length == 1)
        {
            Assert.That(part.Misconception, Is.EqualTo(a.Mistakes[0]), part.Feedback);
            Assert.That(part.Misconceptions, Is.Null);
        }
        else
        {
            Assert.That(part.Misconception, Is.Null, part.Feedback);
            Assert.That(part.Misconceptions, Is.EquivalentTo(a.Mistakes), part.Feedback);
            Assert.That(part.Feedback, Does.Contain("two mistakes together"));
            Assert.That(ReportJson.Write(report), Does.Contain("\"misconceptions\""));
        }
    }
}
