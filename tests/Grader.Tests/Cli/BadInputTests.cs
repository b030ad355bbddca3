using System.Diagnostics;

namespace Grader.Tests.Cli;

/// <summary>
/// Every verb on bad input, through the real executable: exit code 2 with an error and a hint, never a hang,
/// a stack trace or a silent 0.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public class BadInputTests
{
    private const string Regression = "problems/cs577-a2/regression-network.yaml";
    private const string Submission = "submissions/all-correct/regression-network.csx";
    private const string VariesByDraw = "tests/Grader.Tests/Problems/BadSpecs/shape-varies-by-draw.yaml";

    private static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"bad-input-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>A path that is not a readable spec, made in <paramref name="dir"/>.</summary>
    private static string Make(string kind, string dir)
    {
        var path = Path.Combine(dir, "x.yaml");
        switch (kind)
        {
            case "folder":
                Directory.CreateDirectory(path);
                break;
            case "fifo":
                using (var p = Process.Start("mkfifo", [path]))
                {
                    p.WaitForExit();
                    Assert.That(p.ExitCode, Is.EqualTo(0), "mkfifo");
                }
                break;
            case "too-large":
                File.WriteAllText(path, "id: x\n# " + new string('a', 2 << 20) + "\n");
                break;
            case "dev-zero":
                return "/dev/zero";
            case "missing":
                break;
        }
        return path;
    }

    private static void AssertRefused(CliRunner.Result r, string error)
    {
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stdout + r.Stderr);
        Assert.That(r.Stderr, Does.Contain(error));
        Assert.That(r.Stderr, Does.Contain("hint:"));
        Assert.That(r.Stderr, Does.Not.Contain("   at "), "no stack trace");
    }

    [TestCase("solve", "folder", "this is a folder, not a spec file")]
    [TestCase("solve", "fifo", "this is a FIFO (named pipe), not a regular file")]
    [TestCase("solve", "too-large", "a spec may be at most 1,048,576 bytes")]
    [TestCase("solve", "dev-zero", "this is a character device, not a regular file")]
    [TestCase("solve", "missing", "spec not found")]
    [TestCase("validate", "fifo", "this is a FIFO (named pipe), not a regular file")]
    [TestCase("validate", "too-large", "a spec may be at most 1,048,576 bytes")]
    [TestCase("validate", "dev-zero", "this is a character device, not a regular file")]
    [TestCase("validate", "folder", "no .yaml specs in")]
    [TestCase("check", "fifo", "this is a FIFO (named pipe), not a regular file")]
    [TestCase("check", "dev-zero", "this is a character device, not a regular file")]
    public void Verb_UnreadableSpec_Exits2(string verb, string kind, string error)
    {
        var dir = TempDir();
        try
        {
            var spec = Make(kind, dir);
            string[] args = verb == "check" ? [verb, spec, Submission] : [verb, spec];
            AssertRefused(CliRunner.Run(args), error);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void Validate_FifoInAFolder_IsReported_AndTheOtherSpecsStillValidate()
    {
        var dir = TempDir();
        try
        {
            Make("fifo", dir);
            File.Copy(Repo.Path(Regression), Path.Combine(dir, "regression-network.yaml"));
            var r = CliRunner.Run("validate", dir);
            AssertRefused(r, "x.yaml:1:1: error: this is a FIFO");
            Assert.That(r.Stdout, Does.Contain("ok: ").And.EndWith("1 valid, 1 invalid\n"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [TestCase("solve")]
    [TestCase("validate")]
    [TestCase("check")]
    public void Verb_SpecWhoseShapesVaryByDraw_Exits2(string verb)
    {
        string[] args = verb == "check" ? [verb, VariesByDraw, Submission] : [verb, VariesByDraw];
        var r = CliRunner.Run(args);
        AssertRefused(r, "case 4 of part `p`");
        Assert.That(r.Stdout, Does.Not.Contain("\"answer\""));
    }

    [Test]
    public void Grade_AnInvalidSpec_Exits2_AndGradesNothing()
    {
        var problems = TempDir();
        var output = Path.Combine(TempDir(), "out");
        try
        {
            File.Copy(Repo.Path(Regression), Path.Combine(problems, "regression-network.yaml"));
            File.Copy(Repo.Path(VariesByDraw), Path.Combine(problems, "shape-varies-by-draw.yaml"));
            var r = CliRunner.Run("grade", problems, "submissions", "--out", output);
            AssertRefused(r, "shape-varies-by-draw.yaml:8:13: error: case 4 of part `p`");
            Assert.That(r.Stderr, Does.Contain("nothing was graded"));
            Assert.That(File.Exists(Path.Combine(output, "gradebook.csv")), Is.False);
            Assert.That(Directory.Exists(Path.Combine(output, "all-correct")), Is.False);
        }
        finally
        {
            Directory.Delete(problems, true);
            Directory.Delete(Path.GetDirectoryName(output)!, true);
        }
    }

    [TestCase("", "--out is empty")]
    [TestCase("/dev/null", "--out `/dev/null` is a file, not a folder")]
    [TestCase("README.md", "--out `README.md` is a file, not a folder")]
    [TestCase("submissions/reports", "--out `submissions/reports` is inside the submissions folder `submissions`")]
    [TestCase("submissions", "--out `submissions` is inside the submissions folder `submissions`")]
    [TestCase("problems/out", "--out `problems/out` is inside the problems folder `problems`")]
    public void Grade_BadOut_Exits2_BeforeGradingAnything(string output, string error)
    {
        var r = CliRunner.Run("grade", "problems", "submissions", "--out", output, "--fresh-process");
        AssertRefused(r, "error: " + error);
        Assert.That(r.Stdout, Does.Not.Contain("graded"));
        Assert.That(Directory.Exists(Repo.Path("submissions", "reports")), Is.False);
        Assert.That(Directory.Exists(Repo.Path("problems", "out")), Is.False);
    }

    [Test]
    public void Grade_OutIsAFileNamedLikeAFolder_Exits2()
    {
        var dir = TempDir();
        try
        {
            var file = Path.Combine(dir, "out");
            File.WriteAllText(file, "not a folder");
            AssertRefused(CliRunner.Run("grade", "problems", "submissions", "--out", file), "is a file, not a folder");
            Assert.That(File.ReadAllText(file), Is.EqualTo("not a folder"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
