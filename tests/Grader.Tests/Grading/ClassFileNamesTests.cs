using Grader.Grading;
using Grader.Grading.Execution;
using Grader.Grading.Reports;
using Grader.Problems.Yaml;
using Grader.Protocol;

namespace Grader.Tests.Grading;

/// <summary>
/// No student folder can be the path of a class-level file (<see cref="ClassOutputs.ReservedNames"/>): such a folder is
/// not graded, and every other output is written. A class file that cannot be written is reported and costs nothing
/// else. Class files are replaced whole (a temporary file and a rename), never rewritten in place.
/// </summary>
public class ClassFileNamesTests
{
    private const string Problem = "squared-norm";
    private static readonly string[] AllFormats = ["junit", "gradescope"];

    private sealed class Batch : IDisposable
    {
        public Batch(params string[] students)
        {
            Root = Path.Combine(Path.GetTempPath(), $"class-files-{Guid.NewGuid():N}");
            Directory.CreateDirectory(Problems);
            File.Copy(Repo.Path("problems", "dl-a1", Problem + ".yaml"), Path.Combine(Problems, Problem + ".yaml"));
            foreach (var s in students)
            {
                Directory.CreateDirectory(Path.Combine(Submissions, s));
                File.Copy(Repo.Path("submissions", "all-correct", Problem + ".csx"), Path.Combine(Submissions, s, Problem + ".csx"));
            }
        }

        public string Root { get; }
        public string Problems => Path.Combine(Root, "problems");
        public string Submissions => Path.Combine(Root, "submissions");
        public string Out => Path.Combine(Root, "out");

        public BatchSummary Run(IExecutionRunner? runner = null, string? outDir = null, Shard? shard = null)
        {
            var loaded = SpecLoader.LoadFile(Path.Combine(Problems, Problem + ".yaml"));
            Assert.That(loaded.IsValid, Is.True, string.Join("\n", loaded.Errors));
            using var r = runner ?? new InProcessRunner();
            return new BatchGrader(new SubmissionGrader(r, ExecutionLimits.Default)) { Formats = AllFormats, Shard = shard, Parallelism = 1 }
                .Run([new GradingProblem(loaded.Problem!)], Submissions, outDir ?? Out);
        }

        public void Dispose() => Directory.Delete(Root, true);
    }

    /// <summary>A runner that fails as a bug of the grader's own would: every submission gets the error status and a line in the error log.</summary>
    private sealed class FailingRunner : IExecutionRunner
    {
        public string Description => "a runner that always fails";

        public SandboxOutcome Run(RunRequest request, ExecutionLimits limits) => throw new InvalidOperationException("planted grader fault");

        public void Dispose()
        {
        }
    }

    public static IEnumerable<TestCaseData> Reserved() =>
        ClassOutputs.ReservedNames.Append("INDEX.HTML").Append("Gradebook.CSV").Select(n => new TestCaseData(n).SetName($"Run_StudentFolderNamed_{n}_NotGraded_EveryOutputWritten"));

    [TestCaseSource(nameof(Reserved))]
    public void Run_ReservedStudentFolder(string name)
    {
        using var b = new Batch("alice", name);
        var summary = b.Run();

        Assert.That(summary.Students, Is.EqualTo(1), "only alice is graded");
        Assert.That(summary.WriteFailures, Is.Empty);
        Assert.That(BatchGrader.LeftOut(b.Submissions), Is.EqualTo(new[] { name }));
        foreach (var file in new[] { ClassOutputs.GradebookFile, ClassOutputs.ProblemsFile, ClassOutputs.ClassReportFile, ClassOutputs.JUnitFile })
        {
            Assert.That(File.Exists(Path.Combine(b.Out, file)), Is.True, file);
        }
        foreach (var file in new[] { Problem + ".json", Problem + ".md", "index.html", Problem + ClassOutputs.GradescopeSuffix, ClassOutputs.GradescopeAssignmentFile })
        {
            Assert.That(File.Exists(Path.Combine(b.Out, "alice", file)), Is.True, file);
        }
        Assert.That(File.ReadAllText(Path.Combine(b.Out, ClassOutputs.GradebookFile)), Does.Not.Contain(name), "no row for the folder left out");
        Assert.That(Directory.EnumerateFileSystemEntries(b.Out, "*.tmp-*", SearchOption.AllDirectories), Is.Empty, "no temporary file left");
    }

    [Test]
    public void Run_EveryFormat_AndAGraderFault_TopLevelHoldsOnlyStudentsAndReservedNames()
    {
        using var b = new Batch("alice", "bob");
        var summary = b.Run(new FailingRunner());
        Assert.That(summary.ByStatus, Is.EqualTo(new Dictionary<string, int> { [Status.Error] = 2 }), "the fault is planted");

        var top = Directory.EnumerateFileSystemEntries(b.Out).Select(Path.GetFileName).OfType<string>().ToList();
        Assert.That(top, Does.Contain(ClassOutputs.ErrorLogFile).And.Contain(ClassOutputs.JUnitFile), "every kind of class file was written");
        Assert.That(top.Where(n => n is not "alice" and not "bob"), Is.All.Matches<string>(ClassOutputs.IsReserved),
            "a class-level file that is not in ClassOutputs.ReservedNames could collide with a student folder");
    }

    [Test]
    public void Run_AClassFileCannotBeWritten_ReportedAndNothingElseLost()
    {
        using var b = new Batch("alice");
        // A folder, with something in it, where the gradebook goes: no rename can replace it.
        Directory.CreateDirectory(Path.Combine(b.Out, ClassOutputs.GradebookFile, "kept"));

        var summary = b.Run();

        Assert.That(summary.WriteFailures, Has.Count.EqualTo(1));
        Assert.That(summary.WriteFailures[0], Does.StartWith(Path.Combine(b.Out, ClassOutputs.GradebookFile) + ": "));
        foreach (var file in new[] { ClassOutputs.ProblemsFile, ClassOutputs.ClassReportFile, ClassOutputs.JUnitFile, Path.Combine("alice", Problem + ".json"), Path.Combine("alice", "index.html") })
        {
            Assert.That(File.Exists(Path.Combine(b.Out, file)), Is.True, file);
        }
        Assert.That(Directory.EnumerateFileSystemEntries(b.Out, "*.tmp-*", SearchOption.AllDirectories), Is.Empty, "the failed write left no temporary file");
    }

    [Test]
    public void Merge_ShardsOfAFolderWithReservedNames_EqualsASingleRun()
    {
        using var b = new Batch(["alice", "bob", "carol", .. ClassOutputs.ReservedNames]);
        b.Run();
        var shards = new[] { 1, 2 }.Select(k => Path.Combine(b.Root, $"shard{k}")).ToList();
        for (var k = 1; k <= 2; k++)
        {
            b.Run(outDir: shards[k - 1], shard: Shard.Parse($"{k}/2", out _));
        }
        var merged = Path.Combine(b.Root, "merged");

        var outcome = ShardMerge.Merge(shards, merged);

        Assert.That(outcome.Error, Is.Null);
        Assert.That(outcome.WriteFailures, Is.Empty);
        Dictionary<string, string> Files(string dir) => Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(dir, f), File.ReadAllText);
        var single = Files(b.Out);
        Assert.That(single.Keys, Does.Contain(ClassOutputs.GradebookFile).And.Contain(Path.Combine("carol", Problem + ".json")));
        Assert.That(Files(merged), Is.EqualTo(single));
    }

    [Test]
    public void Merge_AShardWithAReservedFolder_LeavesItOut()
    {
        using var b = new Batch("alice");
        b.Run();
        // A shard written by hand (or by an older grader) with a student folder where a class file belongs.
        Directory.CreateDirectory(Path.Combine(b.Out, ClassOutputs.JUnitFile.ToUpperInvariant()));
        var merged = Path.Combine(b.Root, "merged");

        var outcome = ShardMerge.Merge([b.Out], merged);

        Assert.That((outcome.Error, outcome.WriteFailures), Is.EqualTo(((string?)null, (IReadOnlyList<string>)[])));
        Assert.That(Directory.EnumerateDirectories(merged).Select(Path.GetFileName), Is.EqualTo(new[] { "alice" }));
        Assert.That(File.Exists(Path.Combine(merged, ClassOutputs.ClassReportFile)), Is.True);
    }

    /// <summary>
    /// Each class file is replaced by a rename, so a reader that opened the old file (a browser, a sync tool) reads it
    /// whole and unchanged; a write in place would truncate it under the reader.
    /// </summary>
    [Test]
    public void Run_Again_ClassFilesReplacedWhole_AReaderOfTheOldFileSeesItUnchanged()
    {
        using var b = new Batch("alice");
        b.Run();
        string[] classFiles = [ClassOutputs.GradebookFile, ClassOutputs.ProblemsFile, ClassOutputs.ClassReportFile, ClassOutputs.JUnitFile,
            Path.Combine("alice", "index.html"), Path.Combine("alice", Problem + ClassOutputs.GradescopeSuffix), Path.Combine("alice", ClassOutputs.GradescopeAssignmentFile)];
        const string old = "the old content, which a reader opened\n";
        var readers = new List<FileStream>();
        try
        {
            foreach (var f in classFiles)
            {
                File.WriteAllText(Path.Combine(b.Out, f), old);
                readers.Add(new FileStream(Path.Combine(b.Out, f), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            }

            b.Run();

            foreach (var (f, reader) in classFiles.Zip(readers))
            {
                Assert.That(new StreamReader(reader).ReadToEnd(), Is.EqualTo(old), $"{f}: written in place under an open reader");
                Assert.That(File.ReadAllText(Path.Combine(b.Out, f)), Is.Not.EqualTo(old), $"{f}: written again");
            }
        }
        finally
        {
            readers.ForEach(r => r.Dispose());
        }
    }
}
