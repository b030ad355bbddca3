using System.Text.RegularExpressions;

namespace Grader.Tests.Cli;

/// <summary>
/// The warm check server through the real executable: a first check grades in its own process and starts the
/// server; later checks are answered by it with the same report, from files read afresh, with hostile
/// submissions still sandboxed and never disturbing the next student; it ends when idle.
/// Each fixture has its own socket folder, so nothing here meets a server of the user's.
/// </summary>
[NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class CheckServerTests
{
    private string _folder = null!;
    private string _work = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "grader-cs-" + Guid.NewGuid().ToString("N")[..8]);
        _work = Path.Combine(Path.GetTempPath(), "grader-cs-work-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_work);
    }

    [TearDown]
    public void TearDown()
    {
        foreach (var pid in ServerPids())
        {
            try
            {
                System.Diagnostics.Process.GetProcessById(pid).Kill(entireProcessTree: true);
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }
        Directory.Delete(_work, true);
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, true);
        }
    }

    private Dictionary<string, string?> Env(int idleSeconds = 120) => new()
    {
        ["GRADER_CHECK_SERVER"] = null,
        ["GRADER_CHECK_SERVER_DIR"] = _folder,
        ["GRADER_CHECK_SERVER_IDLE"] = idleSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["CI"] = null,
        ["GITHUB_ACTIONS"] = null,
    };

    private string Log => Directory.Exists(_folder)
        ? string.Concat(Directory.EnumerateFiles(_folder, "*.log").Select(File.ReadAllText))
        : "";

    private IEnumerable<int> ServerPids() =>
        Regex.Matches(Log, @"started \(pid (\d+)\)").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    private int Answered => Regex.Matches(Log, @" exit \d+ in ").Count;

    private CliRunner.Result Check(string folder, params string[] args) =>
        CliRunner.RunIn(folder, Env(), ["check", .. args]);

    /// <summary>A first check starts the server; this waits until it says it is warm.</summary>
    private void StartServer()
    {
        Check(Repo.Root, "problems/dl-a1/squared-norm.yaml", "submissions/all-correct/squared-norm.csx");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!ServerPids().Any() && clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            Thread.Sleep(200);
        }
        Assert.That(ServerPids(), Is.Not.Empty, "the first check started no server: " + Log);
    }

    private static string WithoutRunnerLine(string report) =>
        string.Join('\n', report.Split('\n').Where(l => !l.TrimStart().StartsWith("(ran ", StringComparison.Ordinal)));

    [Test]
    public void RepeatedCheck_IsAnsweredByTheServer_WithTheReportAPlainCheckGives()
    {
        var args = new[] { "problems/cs577-a2/regression-network.yaml", "submissions/partial/regression-network.csx" };
        var plain = CliRunner.Run(["check", .. args]);
        StartServer();
        var before = Answered;
        var served = Check(Repo.Root, args);
        Assert.That(Answered, Is.EqualTo(before + 1), "the server answered it: " + Log);
        Assert.That(served.ExitCode, Is.EqualTo(plain.ExitCode));
        Assert.That(WithoutRunnerLine(served.Stdout), Is.EqualTo(WithoutRunnerLine(plain.Stdout)));
        Assert.That(plain.Stdout, Does.Contain("a fresh process per submission"));
        Assert.That(served.Stdout, Does.Contain("a worker process that proves itself clean after every submission"));
        var json = Check(Repo.Root, [.. args, "--format", "json"]);
        Assert.That(json.Stdout.TrimStart(), Does.StartWith("{"), "options reach the server");
        Assert.That(Answered, Is.EqualTo(before + 2));
    }

    [Test]
    public void PublicCheck_OfAKit_IsAnsweredByTheServer_AsAPlainCheckAnswersIt()
    {
        var assign = CliRunner.RunProgram("dotnet", [Path.Combine(CliRunner.GraderBuild, "grader.dll"), "assign", "problems/cs577-a2", "--out", Path.Combine(_work, "kit")], Repo.Root);
        Assert.That(assign.ExitCode, Is.EqualTo(0), assign.Stderr);
        var kit = Path.Combine(_work, "kit", "student");
        var mine = Repo.Path("submissions", "missing-parts", "regression-network.csx");
        var plain = CliRunner.RunIn(kit, new Dictionary<string, string?>(), ["check", "regression-network.public.yaml", mine]);
        StartServer();
        var before = Answered;
        var served = Check(kit, "regression-network.public.yaml", mine);
        Assert.That(Answered, Is.EqualTo(before + 1), "the server answered it: " + Log);
        Assert.That(served.ExitCode, Is.EqualTo(1).And.EqualTo(plain.ExitCode));
        Assert.That(WithoutRunnerLine(served.Stdout), Is.EqualTo(WithoutRunnerLine(plain.Stdout)));
        Assert.That(served.Stdout, Does.Contain("not ready yet").And.Contain("no answer yet: call Answer(\"b-loss\", value)"));
    }

    [Test]
    public void TheServer_ReadsSpecAndSubmissionAfresh_RelativeToTheStudentsFolder()
    {
        File.Copy(Path.Combine(Repo.Root, "problems/dl-a1/squared-norm.yaml"), Path.Combine(_work, "squared-norm.yaml"));
        File.Copy(Path.Combine(Repo.Root, "submissions/write-up-mistakes/squared-norm.csx"), Path.Combine(_work, "mine.csx"));
        StartServer();
        var before = Answered;
        var wrong = Check(_work, "squared-norm.yaml", "mine.csx");
        Assert.That(wrong.ExitCode, Is.EqualTo(1), wrong.Stdout + wrong.Stderr);
        // The student fixes the script; the instructor changes a part's points.
        File.Copy(Path.Combine(Repo.Root, "submissions/all-correct/squared-norm.csx"), Path.Combine(_work, "mine.csx"), overwrite: true);
        var spec = File.ReadAllText(Path.Combine(_work, "squared-norm.yaml"));
        File.WriteAllText(Path.Combine(_work, "squared-norm.yaml"), spec.Replace("    points: 1\n", "    points: 5\n", StringComparison.Ordinal));
        var right = Check(_work, "squared-norm.yaml", "mine.csx");
        Assert.That(right.ExitCode, Is.EqualTo(0), right.Stdout + right.Stderr);
        Assert.That(right.Stdout, Does.Contain("5 / 5"), "the edited spec was read");
        var missing = Check(_work, "squared-norm.yaml", "nowhere.csx");
        Assert.That(missing.ExitCode, Is.EqualTo(2));
        Assert.That(missing.Stderr, Does.Contain("submission not found: nowhere.csx"), "the server's error reaches the student's terminal");
        Assert.That(Answered, Is.EqualTo(before + 3), Log);
    }

    [Test]
    public void HostileSubmissions_ThroughTheServer_StaySandboxed_AndTheNextStudentIsGradedRight()
    {
        var spec = Path.Combine(Repo.Root, "tests/Grader.Tests/Hostile/hostile.yaml");
        var honest = Path.Combine(_work, "honest.csx");
        File.WriteAllText(honest, "Answer(\"value\", 6.0);\ndouble Twice(double x) => 2 * x;\ndouble Thrice(double x) => 3 * x;\n");
        // The report says how the submission ran; that is the one difference a server makes.
        var plain = CliRunner.Run("check", spec, honest, "--format", "json").Stdout
            .Replace("a fresh process per submission", "a worker process that proves itself clean after every submission", StringComparison.Ordinal);
        StartServer();
        foreach (var (file, status) in new[] { ("stack-overflow.csx", "crashed"), ("method-loop.csx", "graded"), ("file-read.csx", "rejected"), ("thread.csx", "rejected") })
        {
            var hostile = Check(Repo.Root, spec, Path.Combine(Repo.Root, "tests/Grader.Tests/Hostile/submissions", file), "--format", "json");
            Assert.That(hostile.Stdout, Does.Contain($"\"status\": \"{status}\""), file + ": " + hostile.Stdout + hostile.Stderr);
            var next = Check(Repo.Root, spec, honest, "--format", "json");
            Assert.That(next.Stdout, Is.EqualTo(plain), "after " + file);
        }
        Assert.That(Answered, Is.EqualTo(8), "every check was the server's: " + Log);
    }

    [Test]
    public void GarbageAndSilentClients_NeitherEndTheServer_NorHoldUpAStudent()
    {
        StartServer();
        var socket = Directory.EnumerateFiles(_folder, "*.sock").Single();
        using (var garbage = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified))
        {
            garbage.Connect(new System.Net.Sockets.UnixDomainSocketEndPoint(socket));
            // A length, then bytes that are no string.
            garbage.Send([6, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
            Assert.That(garbage.Receive(new byte[16]), Is.EqualTo(0), "the server closes a garbage request");
        }
        using var silent = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        silent.Connect(new System.Net.Sockets.UnixDomainSocketEndPoint(socket));
        var before = Answered;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var served = Check(Repo.Root, "problems/dl-a1/squared-norm.yaml", "submissions/all-correct/squared-norm.csx");
        Assert.That(served.ExitCode, Is.EqualTo(0), served.Stdout + served.Stderr);
        Assert.That(Answered, Is.EqualTo(before + 1), "the same server answered after both: " + Log);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "a silent client holds the server for two seconds at most");
        var sandboxOff = CliRunner.RunIn(Repo.Root, new Dictionary<string, string?>(Env()) { ["GRADER_NO_BWRAP"] = "1" },
            "check", "problems/dl-a1/squared-norm.yaml", "submissions/all-correct/squared-norm.csx");
        Assert.That(Answered, Is.EqualTo(before + 1), "a check with the sandbox turned off is never the server's");
        Assert.That(sandboxOff.Stdout, Does.Contain("without bubblewrap"));
    }

    [Test]
    public void TheServer_EndsWhenIdle_AndOffMeansOff()
    {
        var off = CliRunner.RunIn(Repo.Root, new Dictionary<string, string?>(Env()) { ["GRADER_CHECK_SERVER"] = "0" },
            "check", "problems/dl-a1/squared-norm.yaml", "submissions/all-correct/squared-norm.csx");
        Assert.That(off.ExitCode, Is.EqualTo(0));
        Thread.Sleep(2000);
        Assert.That(ServerPids(), Is.Empty, "GRADER_CHECK_SERVER=0 starts no server");
        CliRunner.RunIn(Repo.Root, Env(idleSeconds: 2), "check", "problems/dl-a1/squared-norm.yaml", "submissions/all-correct/squared-norm.csx");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!ServerPids().Any() && clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            Thread.Sleep(200);
        }
        var pid = ServerPids().Single();
        while (Directory.Exists($"/proc/{pid}") && clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            Thread.Sleep(200);
        }
        Assert.That(Directory.Exists($"/proc/{pid}"), Is.False, "the server ended when idle");
        Assert.That(Directory.EnumerateFiles(_folder, "*.sock"), Is.Empty, "and took its socket with it");
        Assert.That(File.GetUnixFileMode(_folder), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute), "the socket folder is the user's alone");
    }
}
