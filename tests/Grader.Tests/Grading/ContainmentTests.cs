using System.Diagnostics;
using Grader.Grading;
using Grader.Grading.Execution;
using Grader.Grading.Reports;
using Grader.Problems.Yaml;
using Grader.Protocol;

namespace Grader.Tests.Grading;

/// <summary>What the sandbox and the batch guarantee beyond the static policy.</summary>
public class ContainmentTests
{
    private static string TempDir(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"grader-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static GradingProblem Hostile() =>
        new(SpecLoader.LoadFile(Repo.Path("tests", "Grader.Tests", "Hostile", "hostile.yaml")).Problem!);

    /// <summary>
    /// A script compiled without the policy, as if the policy had a hole, probes what the sandbox lets it reach;
    /// each element of the answer is 1 when the probe got through. <paramref name="secret"/> is a file outside the
    /// repository and outside /tmp; <paramref name="port"/> a port this test listens on.
    /// </summary>
    private static double[] Probe(IExecutionRunner runner, string secret, int port, string besideRepo, string atRoot)
    {
        var spec = Repo.Path("problems", "cs577-a2", "regression-network.yaml");
        var source = $$"""
            double Try(Func<bool> probe) { try { return probe() ? 1 : 0; } catch (Exception) { return 0; } }
            Answer("value", new[]
            {
                Try(() => System.IO.File.ReadAllText("{{spec}}").Length > 0),
                Try(() => { System.IO.File.WriteAllText("{{atRoot}}", "x"); return true; }),
                Try(() => { System.IO.File.WriteAllText("{{besideRepo}}", "x"); return true; }),
                Try(() => System.IO.File.ReadAllText("{{secret}}").Length > 0),
                Try(() => System.IO.File.ReadAllText("/etc/passwd").Length > 0),
                Try(() =>
                {
                    // Submissions are compiled without the networking assemblies: reach them by reflection, as an escape would.
                    var t = Type.GetType("System.Net.Sockets.TcpClient, System.Net.Sockets", throwOnError: true)!;
                    var c = Activator.CreateInstance(t)!;
                    t.GetMethod("Connect", new[] { typeof(string), typeof(int) })!.Invoke(c, new object[] { "127.0.0.1", {{port}} });
                    return (bool)t.GetProperty("Connected")!.GetValue(c)!;
                }),
                Try(() => System.IO.File.ReadAllText("/proc/{{Environment.ProcessId}}/cmdline").Contains("dotnet")),
                Try(() => System.IO.Directory.EnumerateFileSystemEntries("{{Repo.Root}}").Any(e => e.EndsWith("problems"))),
            });
            """;
        var outcome = runner.Run(new RunRequest(source, "probe.csx", [], 1000, 1000) { ApplyPolicy = false }, ExecutionLimits.Default);
        Assert.That(outcome.Compile.Status, Is.EqualTo(CompileReply.Compiled), string.Join("\n", outcome.Compile.Diagnostics.Select(d => d.ToString())));
        Assert.That(outcome.Run!.Status, Is.EqualTo(RunResult.Ok), outcome.Run.Message);
        return outcome.Run.Answers.Single().Value!.Data;
    }

    private static double[] ProbeWithSecretAndListener(IExecutionRunner runner, string besideRepo, string atRoot)
    {
        var secret = Path.Combine("/var/tmp", $"grader-secret-{Guid.NewGuid():N}.txt");
        File.WriteAllText(secret, "the instructor's answer key");
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return Probe(runner, secret, ((System.Net.IPEndPoint)listener.LocalEndpoint).Port, besideRepo, atRoot);
        }
        finally
        {
            listener.Stop();
            File.Delete(secret);
        }
    }

    [Test]
    public void Bubblewrap_EvenWithoutThePolicy_HostFilesProcessesAndNetworkAreOutOfReach()
    {
        Assert.That(Bubblewrap.IsAvailable, Is.True, TestMachine.NeedsBubblewrap);
        var besideRepo = Repo.Path($"written-by-submission-{Guid.NewGuid():N}.txt");
        var atRoot = $"/written-by-submission-{Guid.NewGuid():N}.txt";
        var seen = ProbeWithSecretAndListener(TestRunners.Pool, besideRepo, atRoot);
        string[] what = ["a problem spec", "writing to /", "writing beside the repository", "a host file outside the repository",
            "/etc/passwd", "a TCP port on the host's loopback", "the grader's own process", "the repository's folder listing"];
        Assert.That(seen, Has.Length.EqualTo(what.Length));
        for (var i = 0; i < what.Length; i++)
        {
            // A repository under /tmp lies inside the sandbox's private /tmp (the runner's folder is bound below it):
            // a write beside it may succeed there, which is why the host's copy is what is checked below.
            if (i != 2 || !Repo.Root.StartsWith("/tmp/", StringComparison.Ordinal))
            {
                Assert.That(seen[i], Is.EqualTo(0), $"the sandbox let a submission reach {what[i]}");
            }
        }
        // A repository under /tmp lies inside the sandbox's private /tmp: a write may land there, never on the host.
        Assert.That(File.Exists(besideRepo), Is.False, "a write reached the host");
        Assert.That(File.Exists(atRoot), Is.False);
    }

    [Test]
    public void NoBubblewrap_WithoutThePolicy_FilesAndNetworkAreReachable_SoThePolicyIsTheOnlyGuard()
    {
        // Documents the weaker guarantee of the fallback, as the README states it; and proves the probe can see.
        // Without the sandbox the writes land for real: into a folder of the test's own, deleted after.
        var scratch = Directory.CreateTempSubdirectory("grader-nobwrap-").FullName;
        var seen = ProbeWithSecretAndListener(TestRunners.PoolWithoutBubblewrap, Path.Combine(scratch, "a.txt"), Path.Combine(scratch, "b.txt"));
        Directory.Delete(scratch, recursive: true);
        Assert.That(seen[0], Is.EqualTo(1), "the problem spec");
        Assert.That(seen[3], Is.EqualTo(1), "the host file");
        Assert.That(seen[5], Is.EqualTo(1), "the loopback port");
    }

    [Test]
    public void SlowEndToEnd_HostileStudentsMixedIn_OtherStudentsGradedExactlyAsWithout()
    {
        var submissions = TempDir("mixed");
        var output = TempDir("mixed-out");
        try
        {
            foreach (var student in Directory.EnumerateDirectories(Repo.Path("submissions")))
            {
                var target = Directory.CreateDirectory(Path.Combine(submissions, Path.GetFileName(student)));
                foreach (var f in Directory.EnumerateFiles(student))
                {
                    File.Copy(f, Path.Combine(target.FullName, Path.GetFileName(f)));
                }
            }
            // Every hostile submission becomes a student answering the regression network (and the hostile problem).
            foreach (var f in Directory.EnumerateFiles(Repo.Path("tests", "Grader.Tests", "Hostile", "submissions")))
            {
                var dir = Directory.CreateDirectory(Path.Combine(submissions, "hostile-" + Path.GetFileNameWithoutExtension(f)));
                File.Copy(f, Path.Combine(dir.FullName, "regression-network.csx"));
                File.Copy(f, Path.Combine(dir.FullName, "hostile.csx"));
            }
            var problems = ShippedSubmissionsTests.LoadProblems().Append(Hostile()).ToList();
            var batch = new BatchGrader(new SubmissionGrader(TestRunners.Pool, HostileSubmissionsTests.Limits));
            batch.Run(problems, submissions, output);

            foreach (var student in Directory.EnumerateDirectories(Repo.Path("submissions")).Select(Path.GetFileName))
            {
                foreach (var problem in problems.Where(p => p.Problem.Id != "hostile"))
                {
                    var name = Path.Combine(student!, problem.Problem.Id + ".json");
                    Assert.That(Approvals.ScrubbedReport(Path.Combine(output, name)), Is.EqualTo(Approvals.ApprovedReport(name)), name);
                }
            }
            var timeout = ReportJson.Read(File.ReadAllText(Path.Combine(output, "hostile-top-level-loop", "regression-network.json")))!;
            Assert.That(timeout.Status, Is.EqualTo(Status.Timeout));
        }
        finally
        {
            Directory.Delete(submissions, true);
            Directory.Delete(output, true);
        }
    }

    [Test]
    public void Batch_GraderFaultOnOneSubmission_BecomesItsErrorStatus_OthersGraded()
    {
        var output = TempDir("fault");
        try
        {
            var batch = new BatchGrader(new SubmissionGrader(new FaultyRunner("still working"), ExecutionLimits.Default));
            var problems = ShippedSubmissionsTests.LoadProblems().Where(p => p.Problem.Id == "regression-network").ToList();
            batch.Run(problems, Repo.Path("submissions"), output);
            var faulty = ReportJson.Read(File.ReadAllText(Path.Combine(output, "missing-parts", "regression-network.json")))!;
            var fine = ReportJson.Read(File.ReadAllText(Path.Combine(output, "all-correct", "regression-network.json")))!;
            Assert.That(faulty.Status, Is.EqualTo(Status.Error));
            Assert.That(faulty.Message, Does.Contain("not a fault of the submission"));
            Assert.That(faulty.Message, Does.Not.Contain("injected"), "details go to the instructor's log, not the report");
            Assert.That(File.ReadAllText(Path.Combine(output, "grader-errors.log")), Does.Contain("injected"));
            Assert.That(fine.Score, Is.EqualTo(30));
        }
        finally
        {
            Directory.Delete(output, true);
        }
    }

    /// <summary>Fault injection: a runner with a bug that shows on one submission (the one printing the marker).</summary>
    private sealed class FaultyRunner(string marker) : IExecutionRunner
    {
        private readonly InProcessRunner _inner = new();

        public string Description => "fault-injecting test runner";

        public void Dispose() => _inner.Dispose();

        public SandboxOutcome Run(RunRequest request, ExecutionLimits limits)
        {
            var result = _inner.Run(request, limits);
            return result.Run?.Output.Contains(marker, StringComparison.Ordinal) == true ? throw new InvalidOperationException("injected grader bug") : result;
        }
    }

    private static bool IsWholeReport(string file)
    {
        try
        {
            return ReportJson.Read(File.ReadAllText(file)) is not null;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    [Test]
    public void SlowEndToEnd_GradeKilledMidway_ResumesToTheSameResultsAsAnUninterruptedRun()
    {
        // Ten copies of every shipped student: a batch long enough to be killed in the middle on any machine.
        var submissions = TempDir("resume-in");
        var interrupted = TempDir("resume-out");
        var uninterrupted = TempDir("resume-ref");
        try
        {
            foreach (var student in Directory.EnumerateDirectories(Repo.Path("submissions")))
            {
                for (var copy = 0; copy < 10; copy++)
                {
                    var target = Directory.CreateDirectory(Path.Combine(submissions, $"{Path.GetFileName(student)}-{copy}"));
                    foreach (var f in Directory.EnumerateFiles(student))
                    {
                        File.Copy(f, Path.Combine(target.FullName, Path.GetFileName(f)));
                    }
                }
            }
            var reference = StartGrade(submissions, uninterrupted);
            reference.WaitForExit();
            Assert.That(reference.ExitCode, Is.EqualTo(0));

            var first = StartGrade(submissions, interrupted);
            var clock = Stopwatch.StartNew();
            while (Directory.EnumerateFiles(interrupted, "*.json", SearchOption.AllDirectories).Count() < 6 && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                Thread.Sleep(10);
            }
            first.Kill(entireProcessTree: true);
            first.WaitForExit();
            var partial = Directory.EnumerateFiles(interrupted, "*.json", SearchOption.AllDirectories).ToList();
            Assert.That(partial, Has.Count.GreaterThan(0).And.Count.LessThan(500), "the first run was stopped midway");
            // Reports are written in place (README "Performance"): a write the kill cut short may leave one report
            // empty or cut, which the second run must grade again (the comparison below); every other is whole.
            var cut = partial.Where(f => !IsWholeReport(f)).ToList();
            Assert.That(cut, Has.Count.LessThanOrEqualTo(2), "at most the reports being written when the batch was killed: " + string.Join(", ", cut));

            var second = StartGrade(submissions, interrupted);
            var stdout = second.StandardOutput.ReadToEnd();
            second.WaitForExit();
            Assert.That(second.ExitCode, Is.EqualTo(0), stdout);
            Assert.That(stdout, Does.Match(@"\d+ graded now, [1-9]\d* resumed"));
            Assert.That(Directory.EnumerateFiles(interrupted, "*.tmp-*", SearchOption.AllDirectories), Is.Empty);
            // The compile cache is no output (compiled bytes differ from compile to compile); its temporary files are
            // covered by the check above.
            var expected = Directory.EnumerateFiles(uninterrupted, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(uninterrupted, f)).Where(f => !f.StartsWith(".grader-cache", StringComparison.Ordinal)).Order().ToList();
            var actual = Directory.EnumerateFiles(interrupted, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(interrupted, f)).Where(f => !f.StartsWith(".grader-cache", StringComparison.Ordinal)).Order().ToList();
            Assert.That(actual, Is.EqualTo(expected));
            foreach (var name in expected)
            {
                var a = Path.Combine(interrupted, name);
                var b = Path.Combine(uninterrupted, name);
                // Reports are compared without their machine-dependent fields; problems.json (a list, no report) as it is.
                var report = name.EndsWith(".json", StringComparison.Ordinal) && name != Grader.Grading.Reports.ClassOutputs.ProblemsFile;
                Assert.That(report ? Approvals.ScrubbedReport(a) : File.ReadAllText(a),
                    Is.EqualTo(report ? Approvals.ScrubbedReport(b) : File.ReadAllText(b)), name);
            }
        }
        finally
        {
            foreach (var dir in new[] { submissions, interrupted, uninterrupted })
            {
                Directory.Delete(dir, true);
            }
        }
    }

    private static Process StartGrade(string submissions, string output)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repo.Root };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "grader.dll"), "grade", "problems", submissions, "--out", output, "--quiet" })
        {
            start.ArgumentList.Add(a);
        }
        return Process.Start(start)!;
    }
}
