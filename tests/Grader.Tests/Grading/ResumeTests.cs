using Grader.Grading;
using Grader.Grading.Execution;
using Grader.Grading.Reports;
using Grader.Problems.Yaml;

namespace Grader.Tests.Grading;

/// <summary>
/// A batch started again skips exactly the reports that are finished and still right: an edited submission or
/// spec, a missing, empty or cut-short report file is graded again, and stale temporary files are removed.
/// </summary>
public class ResumeTests
{
    private const string Problem = "squared-norm";

    private sealed class Batch : IDisposable
    {
        public Batch()
        {
            Root = Path.Combine(Path.GetTempPath(), $"resume-{Guid.NewGuid():N}");
            Directory.CreateDirectory(Problems);
            Directory.CreateDirectory(Path.Combine(Submissions, "alice"));
            File.Copy(Repo.Path("problems", "dl-a1", Problem + ".yaml"), SpecPath);
            File.Copy(Repo.Path("submissions", "all-correct", Problem + ".csx"), SubmissionPath);
        }

        public string Root { get; }
        public string Problems => Path.Combine(Root, "problems");
        public string Submissions => Path.Combine(Root, "submissions");
        public string Out => Path.Combine(Root, "out");
        public string SpecPath => Path.Combine(Problems, Problem + ".yaml");
        public string SubmissionPath => Path.Combine(Submissions, "alice", Problem + ".csx");
        public string Json => Path.Combine(Out, "alice", Problem + ".json");
        public string Markdown => Path.Combine(Out, "alice", Problem + ".md");

        public BatchSummary Run()
        {
            var loaded = SpecLoader.LoadFile(SpecPath);
            Assert.That(loaded.IsValid, Is.True, string.Join("\n", loaded.Errors));
            using var runner = new InProcessRunner();
            return new BatchGrader(new SubmissionGrader(runner, ExecutionLimits.Default)).Run([new GradingProblem(loaded.Problem!)], Submissions, Out);
        }

        public void Dispose() => Directory.Delete(Root, true);
    }

    [Test]
    public void Run_Again_Unchanged_ResumesTheReport()
    {
        using var b = new Batch();
        Assert.That(b.Run().Graded, Is.EqualTo(1));
        var again = b.Run();
        Assert.That((again.Graded, again.Resumed), Is.EqualTo((0, 1)));
    }

    [Test]
    public void Run_Again_AfterTheSubmissionWasEdited_Regrades()
    {
        using var b = new Batch();
        b.Run();
        File.AppendAllText(b.SubmissionPath, "\n// edited after the first run\n");
        var again = b.Run();
        Assert.That((again.Graded, again.Resumed), Is.EqualTo((1, 0)));
    }

    [Test]
    public void Run_Again_AfterTheSpecWasEdited_Regrades()
    {
        using var b = new Batch();
        b.Run();
        File.AppendAllText(b.SpecPath, "\n# edited after the first run\n");
        var again = b.Run();
        Assert.That((again.Graded, again.Resumed), Is.EqualTo((1, 0)));
    }

    [Test]
    public void Run_Again_AfterTheSpecWasEdited_RewritesOnlyTheFilesWhoseTextChanged()
    {
        using var b = new Batch();
        b.Run();
        var longAgo = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(b.Json, longAgo);
        File.SetLastWriteTimeUtc(b.Markdown, longAgo);
        var markdown = File.ReadAllText(b.Markdown);
        var json = File.ReadAllText(b.Json);
        File.AppendAllText(b.SpecPath, "\n# a comment: the same grade, a new fingerprint\n");
        Assert.That(b.Run().Graded, Is.EqualTo(1));
        // The JSON carries the new fingerprint and is written again, in place; the Markdown came out the same and is
        // not touched.
        Assert.That(File.ReadAllText(b.Json), Is.Not.EqualTo(json));
        Assert.That(File.GetLastWriteTimeUtc(b.Json), Is.GreaterThan(longAgo));
        Assert.That(File.ReadAllText(b.Markdown), Is.EqualTo(markdown));
        Assert.That(File.GetLastWriteTimeUtc(b.Markdown), Is.EqualTo(longAgo));
        Assert.That(Directory.EnumerateFiles(b.Out, "*.tmp-*", SearchOption.AllDirectories), Is.Empty);
        Assert.That(b.Run().Resumed, Is.EqualTo(1), "and the report is whole: the next run resumes it");
    }

    [TestCase("empty markdown")]
    [TestCase("cut markdown")]
    [TestCase("missing markdown")]
    [TestCase("empty json")]
    [TestCase("cut json")]
    [TestCase("json of another problem")]
    public void Run_Again_WithADamagedReport_Regrades_AndRepairsIt(string damage)
    {
        using var b = new Batch();
        b.Run();
        var json = File.ReadAllText(b.Json);
        var markdown = File.ReadAllText(b.Markdown);
        switch (damage)
        {
            case "empty markdown":
                File.WriteAllText(b.Markdown, "");
                break;
            case "cut markdown":
                File.WriteAllText(b.Markdown, markdown[..(markdown.Length / 2)]);
                break;
            case "missing markdown":
                File.Delete(b.Markdown);
                break;
            case "empty json":
                File.WriteAllText(b.Json, "");
                break;
            case "cut json":
                File.WriteAllText(b.Json, json[..(json.Length / 2)]);
                break;
            case "json of another problem":
                File.WriteAllText(b.Json, json.Replace($"\"{Problem}\"", "\"other\"", StringComparison.Ordinal));
                break;
        }
        var again = b.Run();
        Assert.That((again.Graded, again.Resumed), Is.EqualTo((1, 0)), damage);
        Assert.That(File.ReadAllText(b.Json), Is.EqualTo(json));
        Assert.That(File.ReadAllText(b.Markdown), Is.EqualTo(markdown));
    }

    [Test]
    public void Run_Again_RemovesStaleTemporaryFiles()
    {
        using var b = new Batch();
        b.Run();
        var stale = new[] { b.Json + ".tmp-999999-1", Path.Combine(b.Out, "gradebook.csv.tmp-999999-7") };
        foreach (var f in stale)
        {
            File.WriteAllText(f, "{ half a rep");
        }
        b.Run();
        Assert.That(stale.Where(File.Exists), Is.Empty);
        Assert.That(Directory.EnumerateFiles(b.Out, "*.tmp-*", SearchOption.AllDirectories), Is.Empty);
    }
}
