using System.Globalization;
using System.Text.Json;
using Grader.Grading;
using Grader.Grading.Execution;
using Grader.Grading.Reports;
using Grader.Problems.Yaml;

namespace Grader.Tests.Grading;

/// <summary>
/// Answers made by one known mistake each, computed by hand in PyTorch float64 (Fixtures/torch/make_mistakes.py,
/// not by the grader's rules), graded as a student's script: the report names exactly that mistake.
/// </summary>
public class MistakeOracleTests
{
    public sealed record MistakenAnswer(string Spec, string Part, string Mistake, JsonElement Value)
    {
        public override string ToString() => $"{Spec}:{Part}:{Mistake}";
    }

    public static IEnumerable<MistakenAnswer> Answers()
    {
        var path = Repo.Path("tests", "Grader.Tests", "Fixtures", "torch", "mistakes.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("answers").EnumerateArray().Select(a => new MistakenAnswer(
            a.GetProperty("spec").GetString()!, a.GetProperty("part").GetString()!, a.GetProperty("mistake").GetString()!,
            a.GetProperty("value").Clone())).ToList();
    }

    /// <summary>A C# literal of a number, vector or matrix, rounded as a student would copy it (8 significant figures).</summary>
    public static string Literal(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number => v.GetDouble().ToString("G8", CultureInfo.InvariantCulture),
        _ when v[0].ValueKind == JsonValueKind.Array => "new double[,] { " + string.Join(", ", v.EnumerateArray().Select(r => "{ " + string.Join(", ", r.EnumerateArray().Select(Literal)) + " }")) + " }",
        _ => "new double[] { " + string.Join(", ", v.EnumerateArray().Select(Literal)) + " }",
    };

    [TestCaseSource(nameof(Answers))]
    public void TheReport_NamesTheMistake(MistakenAnswer a)
    {
        var problem = new GradingProblem(SpecLoader.LoadFile(Repo.Path("problems", a.Spec + ".yaml")).Problem!);
        using var runner = new InProcessRunner();
        var report = new SubmissionGrader(runner, ExecutionLimits.Default)
            .GradeSource(problem, "s", $"Answer(\"{a.Part}\", {Literal(a.Value)});", "s.csx");
        var part = report.Parts.Single(p => p.Id == a.Part);
        Assert.That(part.Status, Is.EqualTo(Status.Incorrect), part.Feedback);
        Assert.That(part.Misconception, Is.EqualTo(a.Mistake), part.Feedback);
        var sentence = Grader.Problems.Feedback.Mistakes.All.Where(m => m.Id == a.Mistake).Select(m => m.Sentence).Distinct().Single(part.Feedback.EndsWith);
        // The sentence reaches every format a student reads.
        Assert.That(ReportText.Write(report), Does.Contain(sentence));
        Assert.That(ReportMarkdown.Write(report), Does.Contain(Escape.Markdown(sentence)));
        Assert.That(ReportJson.Write(report), Does.Contain($"\"misconception\": \"{a.Mistake}\""));
    }

    [Test]
    public void EveryBuiltInMistake_HasOneSentence_AndAnIdOfPlainWords()
    {
        foreach (var group in Grader.Problems.Feedback.Mistakes.All.GroupBy(m => m.Id))
        {
            Assert.That(group.Key, Does.Match("^[a-z0-9]+(-[a-z0-9]+)*$"));
            Assert.That(group.All(m => m.Sentence.Length is > 20 and < 200), Is.True, group.Key);
        }
    }
}
