using System.Diagnostics;

namespace Grader.Tests.Cli;

/// <summary><c>grade --shard k/N</c>, <c>merge</c>, <c>--jobs</c> and what <c>grade</c> prints, through the real executable.</summary>
public class ShardTests
{
    private static string Temp(string what) => Path.Combine(Path.GetTempPath(), $"{what}-{Guid.NewGuid():N}");

    // The compile cache (.grader-cache) is no output: compiled bytes differ from compile to compile.
    private static Dictionary<string, byte[]> Files(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(dir, f).StartsWith(".grader-cache", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(dir, f), File.ReadAllBytes);

    [Test]
    public void SlowEndToEnd_ThreeShardsMerged_EqualASingleRun()
    {
        var single = Temp("single");
        var shards = Enumerable.Range(1, 3).Select(k => Temp($"shard{k}")).ToList();
        var merged = Temp("merged");
        try
        {
            var one = CliRunner.Run("grade", "problems", "submissions", "--out", single, "--format", "junit,gradescope", "--jobs", "2");
            Assert.That(one.ExitCode, Is.EqualTo(0), one.Stderr);
            Assert.That(one.Stdout, Does.Contain("all-correct/relu-fit: 10/10 graded"), "plain lines when output is redirected");
            var students = new List<string>();
            for (var k = 1; k <= 3; k++)
            {
                var r = CliRunner.Run("grade", "problems", "submissions", "--out", shards[k - 1], "--format", "junit", "--format", "gradescope", "--shard", $"{k}/3", "--jobs", "2", "--quiet");
                Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
                Assert.That(r.Stdout, Does.Not.Contain("relu-fit:"), "--quiet prints only the summary");
                students.AddRange(Directory.EnumerateDirectories(shards[k - 1]).Select(Path.GetFileName).OfType<string>().Where(s => !s.StartsWith('.')));
            }
            Assert.That(students.Order(), Is.EqualTo(new[] { "all-correct", "compile-error", "missing-parts", "partial", "write-up-mistakes" }), "each student in exactly one shard");
            Assert.That(shards.Count(s => Directory.EnumerateDirectories(s).Any(d => !Path.GetFileName(d).StartsWith('.'))), Is.GreaterThan(1), "the hash spreads five students over more than one shard");
            var m = CliRunner.Run(["merge", .. shards, "--out", merged]);
            Assert.That(m.ExitCode, Is.EqualTo(0), m.Stderr);

            var expected = Files(single);
            var actual = Files(merged);
            Assert.That(actual.Keys.Order(), Is.EqualTo(expected.Keys.Order()));
            Assert.That(expected.Keys, Does.Contain("index.html").And.Contain("gradebook.csv").And.Contain("junit.xml").And.Contain(Path.Combine("partial", "relu-fit.gradescope.json")));
            foreach (var (file, bytes) in expected)
            {
                Assert.That(actual[file], Is.EqualTo(bytes), file);
            }
        }
        finally
        {
            foreach (var d in shards.Append(single).Append(merged).Where(Directory.Exists))
            {
                Directory.Delete(d, true);
            }
        }
    }

    [Test]
    public void Merge_SameStudentInTwoShards_Exits2()
    {
        var a = Temp("a");
        var b = Temp("b");
        try
        {
            foreach (var d in new[] { a, b })
            {
                Directory.CreateDirectory(Path.Combine(d, "alice"));
                File.WriteAllText(Path.Combine(d, "problems.json"), "[]\n");
            }
            var r = CliRunner.Run("merge", a, b, "--out", Temp("m"));
            Assert.That(r.ExitCode, Is.EqualTo(2));
            Assert.That(r.Stderr, Does.Contain("student folder `alice` is in both").And.Contain("hint:"));
        }
        finally
        {
            Directory.Delete(a, true);
            Directory.Delete(b, true);
        }
    }

    /// <summary>
    /// What a student who controls their own folder of a shard's output (a shard graded on a machine they share) may put
    /// there, and where merge must say so. Each once crashed merge with a stack trace (garbage or null JSON, /dev/zero),
    /// hung it (a FIFO), copied a host file into the class's output (a link to /etc/passwd) or another student's report
    /// in as one's own (a link to a file or folder), or merged a report naming another student or a score past the
    /// points. Now: exit 2, every such file named, nothing written.
    /// </summary>
    public static IEnumerable<TestCaseData> TamperedShards()
    {
        static TestCaseData Case(string name, Action<string> tamper, string error) => new TestCaseData(tamper, error).SetName($"Merge_TamperedStudentFolder_{name}_Exits2_NothingWritten");
        const string student = "missing-parts";
        static string F(string shard, string file) => Path.Combine(shard, student, file);
        yield return Case("GarbageJson", s => File.WriteAllText(F(s, "relu-fit.json"), "{garbage"), $"{student}/relu-fit.json: not a report as grade writes it (");
        yield return Case("NullParts", s => File.WriteAllText(F(s, "relu-fit.json"), File.ReadAllText(F(s, "relu-fit.json")).Replace("\"parts\": [", "\"parts\": null, \"x\": [", StringComparison.Ordinal)),
            $"{student}/relu-fit.json: not a report as grade writes it (it holds a null)");
        yield return Case("AnotherStudentsName", s => File.WriteAllText(F(s, "relu-fit.json"), File.ReadAllText(F(s, "relu-fit.json")).Replace($"\"student\": \"{student}\"", "\"student\": \"all-correct\"", StringComparison.Ordinal)),
            $"{student}/relu-fit.json: a report of student `all-correct`, in the folder of `{student}`");
        yield return Case("ScorePastThePoints", s => File.WriteAllText(F(s, "relu-fit.json"), File.ReadAllText(F(s, "relu-fit.json")).Replace("\"score\": 0,", "\"score\": 1000,", StringComparison.Ordinal)),
            $"{student}/relu-fit.json: its score 1000 is not from 0 to its max_score 10");
        yield return Case("HugeReport", s => File.AppendAllText(F(s, "relu-fit.json"), new string(' ', 2_000_000)), $"{student}/relu-fit.json: it has 2");
        yield return Case("LinkToAHostFile", s => Relink(F(s, "relu-fit.md"), "/etc/passwd"), $"{student}/relu-fit.md: it is a symbolic link, not a regular file");
        yield return Case("LinkToDevZero", s => Relink(F(s, "index.html"), "/dev/zero"), $"{student}/index.html: it is a symbolic link, not a regular file");
        yield return Case("Fifo", s => { File.Delete(F(s, "squared-norm.md")); Mkfifo(F(s, "squared-norm.md")); }, $"{student}/squared-norm.md: it is a FIFO (named pipe), not a regular file");
        yield return Case("AFileGradeNeverWrites", s => File.WriteAllText(F(s, "notes.txt"), "hi"), $"{student}/notes.txt: not a file grade writes in a student folder");
        yield return Case("StudentFolderALink", s => Directory.CreateSymbolicLink(Path.Combine(s, "zz-copy"), Path.Combine(s, "all-correct")),
            "zz-copy is a symbolic link");
    }

    private static void Relink(string path, string target)
    {
        File.Delete(path);
        File.CreateSymbolicLink(path, target);
    }

    private static void Mkfifo(string path) => Assert.That(CliRunner.RunProgram("mkfifo", [path], Repo.Root).ExitCode, Is.EqualTo(0));

    [TestCaseSource(nameof(TamperedShards))]
    public void Merge_TamperedStudentFolder(Action<string> tamper, string error)
    {
        var shard = Temp("tampered");
        var merged = Temp("merged");
        try
        {
            var g = CliRunner.Run("grade", "problems/dl-a1", "submissions", "--out", shard, "--jobs", "1", "--quiet");
            Assert.That(g.ExitCode, Is.EqualTo(0), g.Stderr);
            tamper(shard);

            var run = Task.Run(() => CliRunner.Run("merge", shard, "--out", merged));
            Assert.That(run.Wait(TimeSpan.FromSeconds(60)), Is.True, "merge ends");
            var r = run.Result;

            Assert.That(r.ExitCode, Is.EqualTo(2), r.Stdout + r.Stderr);
            Assert.That(r.Stderr, Does.Not.Contain("Unhandled").And.Not.Contain("   at "));
            Assert.That(r.Stderr, Does.StartWith("error: ").And.Contain(error).And.Contain("hint: "));
            Assert.That(Directory.Exists(merged), Is.False, "nothing written");
        }
        finally
        {
            foreach (var d in new[] { shard, merged }.Where(Directory.Exists))
            {
                Directory.Delete(d, true);
            }
        }
    }

    [Test]
    public void Grade_StudentFolderNamedLikeAClassFile_Warned_AndAnUnwritableClassFile_Exits1WithEverythingElse()
    {
        var root = Temp("reserved");
        try
        {
            var submissions = Path.Combine(root, "submissions");
            foreach (var student in new[] { "alice", "index.html" })
            {
                Directory.CreateDirectory(Path.Combine(submissions, student));
                File.Copy(Repo.Path("submissions", "all-correct", "squared-norm.csx"), Path.Combine(submissions, student, "squared-norm.csx"));
            }
            var output = Path.Combine(root, "out");
            Directory.CreateDirectory(Path.Combine(output, "junit.xml", "in-the-way"));

            var r = CliRunner.Run("grade", "problems/dl-a1", submissions, "--out", output, "--format", "junit", "--jobs", "1");

            Assert.That(r.ExitCode, Is.EqualTo(1), r.Stderr);
            Assert.That(r.Stderr, Does.Contain($"warning: the folder `index.html` in {submissions} was not graded: its name is that of a file or folder grade writes"));
            Assert.That(r.Stderr, Does.Contain("hint: rename it (e.g. `index.html-student`)"));
            Assert.That(r.Stderr, Does.Contain($"error: could not write {Path.Combine(output, "junit.xml")}: ").And.Contain("hint: every report and the other class files were written"));
            Assert.That(File.ReadAllText(Path.Combine(output, "index.html")), Does.Contain("alice"), "the class report is a file, made for alice");
            Assert.That(File.Exists(Path.Combine(output, "gradebook.csv")) && File.Exists(Path.Combine(output, "problems.json")) && File.Exists(Path.Combine(output, "alice", "squared-norm.json")), Is.True);
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    [TestCase("0/3")]
    [TestCase("4/3")]
    [TestCase("x")]
    public void Grade_BadShard_Exits2(string shard)
    {
        var r = CliRunner.Run("grade", "problems", "submissions", "--out", Temp("bad"), "--shard", shard);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("--shard must be k/N").And.Contain("hint:"));
    }

    /// <summary>On a terminal (a pseudo-terminal made by util-linux's <c>script</c>): a progress bar, with no colour under NO_COLOR.</summary>
    [Test]
    public void Grade_OnATerminal_ShowsAProgressBar_NoColorRespected()
    {
        var output = Temp("tty");
        try
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "grader.dll");
            var start = new ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repo.Root };
            foreach (var a in new[] { "-qec", $"dotnet '{dll}' grade problems/dl-a1 submissions --out '{output}' --jobs 1", "/dev/null" })
            {
                start.ArgumentList.Add(a);
            }
            start.Environment["NO_COLOR"] = "1";
            start.Environment["TERM"] = "xterm-256color";
            using var p = Process.Start(start)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            p.WaitForExit();
            Assert.That(p.ExitCode, Is.EqualTo(0), stdout.Result);
            Assert.That(stdout.Result, Does.Contain("grading").And.Contain("100%"), "the progress bar");
            Assert.That(stdout.Result, Does.Not.Contain("all-correct/l1-regression:"), "no plain lines on a terminal");
            Assert.That(stdout.Result, Does.Not.Match("\u001b\\[[0-9;]*3[0-9](;|m)"), "no colour under NO_COLOR");
            Assert.That(stdout.Result, Does.Contain("graded 20 submissions"));
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, true);
            }
        }
    }
}
