using Grader.Grading;
using Grader.Grading.Execution;
using Grader.Grading.Reports;
using Grader.Problems.Yaml;

namespace Grader.Tests.Grading;

/// <summary>
/// What one student can do to another, and what a hidden case can give away: tested on real workers (bubblewrap),
/// with each defence on its own. The policy refuses these attacks (HostileSubmissionsTests); here the policy is
/// off, as if it had a hole, and the worker's proof of cleanliness alone must keep the next student's report intact.
/// </summary>
public class IsolationTests
{
    private static GradingProblem Hostile() =>
        new(SpecLoader.LoadFile(Repo.Path("tests", "Grader.Tests", "Hostile", "hostile.yaml")).Problem!);

    private static string TempDir(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"grader-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static IEnumerable<TestCaseData> EscapesPastThePolicy()
    {
        yield return new TestCaseData("async-void-spinning-message", """
            class Spin : Exception { public override string Message { get { while (true) { } } } }
            async void Boom() { await System.Threading.Tasks.Task.Yield(); throw new Spin(); }
            Boom();
            Answer("value", 6);
            """).SetName("Layer2_AsyncVoidThrowingLater_WorkerReplaced");
        yield return new TestCaseData("string-intern", """
            string.Intern(new string('x', 50_000_000));
            Answer("value", 6);
            """).SetName("Layer2_StringIntern_WorkerReplaced");
        yield return new TestCaseData("thread-left-sleeping", """
            new System.Threading.Thread(() => System.Threading.Thread.Sleep(-1)) { IsBackground = true }.Start();
            Answer("value", 6);
            """).SetName("Layer2_ThreadLeftRunning_WorkerReplaced");
        yield return new TestCaseData("pool-spin", """
            System.Threading.ThreadPool.QueueUserWorkItem(_ => { while (true) { } });
            System.Threading.Thread.Sleep(50);
            Answer("value", 6);
            """).SetName("Layer2_ThreadPoolWorkLeftSpinning_WorkerReplaced");
        yield return new TestCaseData("timer", """
            var timer = new System.Threading.Timer(_ => Console.WriteLine("later"), null, 1, 1);
            System.Threading.Thread.Sleep(50);
            Answer("value", 6);
            """).SetName("Layer2_TimerFiringAfterTheRun_WorkerReplaced");
        yield return new TestCaseData("static-root", """
            AppContext.SetData("kept", new byte[120_000_000]);
            Answer("value", 6);
            """).SetName("Layer2_MemoryRootedInTheRuntime_WorkerReplaced");
    }

    [TestCaseSource(nameof(EscapesPastThePolicy))]
    public void Layer2_AttackPastThePolicy_NextStudentInTheSameWorkerIsGradedExactlyAsAlone(string name, string attack)
    {
        Assert.That(Bubblewrap.IsAvailable, Is.True, TestMachine.NeedsBubblewrap);
        var problem = Hostile();
        using var pool = new WorkerPoolRunner(useBubblewrap: true);
        var grader = new SubmissionGrader(pool, HostileSubmissionsTests.Limits);
        var alone = ReportJson.Write(grader.GradeSource(problem, "honest", HostileSubmissionsTests.Honest, "hostile.csx"));
        Assert.That(pool.Started, Is.EqualTo(1));

        var attacked = grader.GradeSource(problem, "attacker", attack, "hostile.csx", applyPolicy: false);
        var after = ReportJson.Write(grader.GradeSource(problem, "honest", HostileSubmissionsTests.Honest, "hostile.csx"));

        Assert.That(attacked.Status, Is.Not.EqualTo(Status.Rejected), $"{name} must get past the (disabled) policy for this test to mean anything");
        Assert.That(after, Is.EqualTo(alone), $"after {name}, the next student's report changed");
        Assert.That(pool.Started, Is.EqualTo(2), $"after {name}, the worker was not replaced; notes: {string.Join("; ", pool.RecycleNotes)}");
    }

    /// <summary>A student who sorts and compares tuples (whose comparers no warm-up can make for every tuple type in advance).</summary>
    private const string TupleVictim = """
        var pairs = new[] { (2.0, 1.0, 1), (6.0, 0.0, 1), (6.0, 0.0, 1) };
        Answer("value", pairs.Max().Item1 * pairs.Distinct().Count() / 2);
        var keys = new[] { (1, 2.0, 3.0), (1, 2.0, 3.0) };
        Console.WriteLine($"distinct keys: {keys.Distinct().Count()}, first by order: {pairs.Order().First()}");
        double Twice(double x) => 2 * x;
        double Thrice(double x) => 3 * x;
        """;

    /// <summary>A student whose output is interpolated strings within interpolated strings (two pooled buffers at once).</summary>
    private const string InterpolatingVictim = """
        string Inner(double x) => $"{2 * x:F4} (twice {x})";
        string Describe(double x) => $"gradient of F at {x:F4} is {Inner(x)}, {x,8:E2}";
        for (var i = 0; i < 20; i++) Console.WriteLine(Describe(i / 3.0));
        Answer("value", Describe(3).StartsWith("gradient of F", StringComparison.Ordinal) ? 6 : 0);
        double Twice(double x) => double.Parse($"{2 * x:R}");
        double Thrice(double x) => 3 * x;
        """;

    public static IEnumerable<TestCaseData> AttacksOnTheRuntimeWithThePolicyOn()
    {
        var ridge = (Repo.Path("problems", "dl-a2", "ridge-closed-form.yaml"), File.ReadAllText(Repo.Path("submissions", "all-correct", "ridge-closed-form.csx")));
        var hostile = Repo.Path("tests", "Grader.Tests", "Hostile", "hostile.yaml");
        yield return new TestCaseData("poisoned-comparer.csx", ridge.Item1, ridge.Item2, true).SetName("Runtime_FailedComparerInitializer_RidgeStudentAfterIt_GradedAsAlone");
        yield return new TestCaseData("poisoned-comparer.csx", hostile, TupleVictim, true).SetName("Runtime_FailedComparerInitializer_TupleStudentAfterIt_GradedAsAlone");
        yield return new TestCaseData("poisoned-tuple-comparer.csx", hostile, TupleVictim, true).SetName("Runtime_FailedTupleComparerInitializer_TupleStudentAfterIt_GradedAsAlone");
        yield return new TestCaseData("pooled-buffer-returned-twice.csx", hostile, InterpolatingVictim, false).SetName("Runtime_PooledBufferReturnedTwice_InterpolatingStudentAfterIt_GradedAsAlone");
        yield return new TestCaseData("pooled-buffer-by-parameter.csx", hostile, InterpolatingVictim, false).SetName("Runtime_PooledBufferThroughAParameter_InterpolatingStudentAfterIt_GradedAsAlone");
        yield return new TestCaseData("folded-refused-call.csx", ridge.Item1, ridge.Item2, false).SetName("Runtime_RefusedCallOnAConstantsDeadSide_RidgeStudentAfterIt_GradedAsAlone");
    }

    /// <summary>
    /// Attacks on what a worker's process keeps between students (failed type initializers, the shared array pool),
    /// with the policy on, as students send them: the next student in the same worker gets the report they get alone.
    /// </summary>
    [TestCaseSource(nameof(AttacksOnTheRuntimeWithThePolicyOn))]
    public void Runtime_AttackThenAStudent_InOneWorker_ReportByteIdenticalToAlone(string attack, string victimSpec, string victim, bool replaced)
    {
        Assert.That(Bubblewrap.IsAvailable, Is.True, "install the Debian package bubblewrap (.ci/run does)");
        var problem = new GradingProblem(SpecLoader.LoadFile(victimSpec).Problem!);
        var file = Path.GetFileNameWithoutExtension(victimSpec) + ".csx";
        using var pool = new WorkerPoolRunner(useBubblewrap: true);
        var grader = new SubmissionGrader(pool, HostileSubmissionsTests.Limits);
        var aloneReport = grader.GradeSource(problem, "victim", victim, file);
        var alone = ReportJson.Write(aloneReport);
        Assert.That(aloneReport.Status, Is.EqualTo(Status.Graded), alone);
        Assert.That(pool.Started, Is.EqualTo(1));

        var folder = attack.StartsWith("poisoned-", StringComparison.Ordinal) ? "runtime" : "submissions";
        var attacked = grader.GradeSource(Hostile(), "attacker", File.ReadAllText(Repo.Path("tests", "Grader.Tests", "Hostile", folder, attack)), "hostile.csx");
        var after = ReportJson.Write(grader.GradeSource(problem, "victim", victim, file));

        Assert.That(after, Is.EqualTo(alone), $"after {attack} ({attacked.Status}), the next student's report changed");
        Assert.That(pool.Started, Is.EqualTo(replaced ? 2 : 1), $"after {attack}; notes: {string.Join("; ", pool.RecycleNotes)}");
    }

    [Test]
    public void Layer2_HonestStudents_ShareOneWorker()
    {
        using var pool = new WorkerPoolRunner(useBubblewrap: true);
        var grader = new SubmissionGrader(pool, HostileSubmissionsTests.Limits);
        var problem = Hostile();
        for (var i = 0; i < 5; i++)
        {
            Assert.That(grader.GradeSource(problem, "honest", $"// {i}\n" + HostileSubmissionsTests.Honest, "hostile.csx").Score, Is.EqualTo(4));
        }
        Assert.That(pool.Started, Is.EqualTo(1), $"a clean run must not cost a new worker; notes: {string.Join("; ", pool.RecycleNotes)}");
    }

    /// <summary>A submission that tries every channel back from its hidden cases, failing the same way whatever the inputs.</summary>
    private const string Leaker = """
        var seen = new List<double>();
        Answer("value", 0);
        Answer("secret", 0);
        Console.WriteLine("top level");
        double Twice(double x)
        {
            seen.Add(x);
            Console.WriteLine($"x = {x:R}");
            if (x == 3) return 6;
            if (seen.Count % 2 == 0) return double.NaN;
            throw new ArgumentException($"hidden x = {x:R}, seen {string.Join(",", seen)}");
        }
        double Thrice(double x) => throw new ArgumentException("seen " + string.Join(",", seen));
        """;

    private static string SecretSpec(int seed, string hiddenAnswer, bool hidden) => $$"""
        id: secret
        given:
          x: 3
        parts:
          - id: value
            answer: 2 * x
          - id: secret
            answer: {{hiddenAnswer}}
            hidden: {{(hidden ? "true" : "false")}}
          - id: twice
            implement: "double Twice(double x)"
            answer: 2 * x
            cases:
              - given
              - random: { count: 4, seed: {{seed}}, hidden: {{(hidden ? "true" : "false")}}, x: normal(0, 1, []) }
          - id: thrice
            implement: "double Thrice(double x)"
            answer: 3 * x
            cases:
              - given
        """;

    private static string[] AllFormats(string spec)
    {
        var problem = new GradingProblem(SpecLoader.Load("secret.yaml", spec).Problem!);
        var report = new SubmissionGrader(TestRunners.Pool, HostileSubmissionsTests.Limits).GradeSource(problem, "leaker", Leaker, "secret.csx");
        return [ReportJson.Write(report), ReportMarkdown.Write(report), ReportText.Write(report)];
    }

    [Test]
    public void Secrecy_HiddenInputsAndAnswersChange_NoReportChangesByAByte()
    {
        // Non-interference: the hidden cases' inputs (their seed) and a hidden part's answer differ between the two
        // specs; whatever the report shows must not depend on them, in any format.
        var a = AllFormats(SecretSpec(seed: 1, hiddenAnswer: "7 * x", hidden: true));
        var b = AllFormats(SecretSpec(seed: 987654, hiddenAnswer: "-13 * x", hidden: true));
        Assert.That(b, Is.EqualTo(a));
        Assert.That(a[0], Does.Contain("hidden case(s) fail"), "the leaker did fail its hidden cases");
    }

    [Test]
    public void Secrecy_SameSpecsWithNothingHidden_ReportsDiffer_SoTheTestAboveCanFail()
    {
        // The check above is only worth something if it notices a leak: with the hidden flags dropped, it does.
        var a = AllFormats(SecretSpec(seed: 1, hiddenAnswer: "7 * x", hidden: false));
        var b = AllFormats(SecretSpec(seed: 987654, hiddenAnswer: "-13 * x", hidden: false));
        Assert.That(b[0], Is.Not.EqualTo(a[0]));
    }

    [Test]
    public void Files_LinksDevicesFifosFoldersAndHugeFiles_RejectedWithAReason_BatchCompletes()
    {
        var root = TempDir("files");
        var output = TempDir("files-out");
        try
        {
            void Student(string name, Action<string> make)
            {
                var dir = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
                make(Path.Combine(dir, "hostile.csx"));
            }
            Student("alice", f => File.WriteAllText(f, HostileSubmissionsTests.Honest));
            Student("link-zero", f => File.CreateSymbolicLink(f, "/dev/zero"));
            Student("link-passwd", f => File.CreateSymbolicLink(f, "/etc/passwd"));
            Student("copycat", f => File.CreateSymbolicLink(f, Path.Combine(root, "alice", "hostile.csx")));
            Student("huge", f =>
            {
                using var s = File.Create(f);
                s.SetLength(1_200_000_000);
            });
            Student("fifo", f => RunTool("mkfifo", f));
            Student("folder", f => Directory.CreateDirectory(f));
            Student("empty", f => File.WriteAllText(f, ""));
            Directory.CreateSymbolicLink(Path.Combine(root, "linked-folder"), Path.Combine(root, "alice"));

            var batch = new BatchGrader(new SubmissionGrader(TestRunners.Pool, HostileSubmissionsTests.Limits));
            var summary = batch.Run([Hostile()], root, output);

            Assert.That(summary.Submissions, Is.EqualTo(9));
            SubmissionReport Report(string student) => ReportJson.Read(File.ReadAllText(Path.Combine(output, student, "hostile.json")))!;
            Assert.That(Report("alice").Score, Is.EqualTo(4));
            foreach (var (student, reason) in new[]
            {
                ("link-zero", "symbolic link"), ("link-passwd", "symbolic link"), ("copycat", "symbolic link"),
                ("huge", "1200000000 bytes"), ("fifo", "not a regular file"), ("folder", "is a folder"), ("linked-folder", "symbolic link"),
            })
            {
                var r = Report(student);
                Assert.That((r.Status, r.Score), Is.EqualTo((Status.Rejected, 0.0)), student);
                Assert.That(r.Message, Does.Contain(reason), student);
            }
            Assert.That((Report("empty").Status, Report("empty").Message), Is.EqualTo((Status.Missing, "no submission: hostile.csx is empty")));
            Assert.That(File.ReadAllText(Path.Combine(output, "gradebook.csv")), Does.Contain("alice,4"));
            Assert.That(File.Exists(Path.Combine(output, "grader-errors.log")), Is.False, "no grader fault");
        }
        finally
        {
            Directory.Delete(root, true);
            Directory.Delete(output, true);
        }
    }

    [Test]
    public void SlowEndToEnd_EveryAttackerThenAnHonestStudent_InOneWorker_HonestReportsByteIdenticalToABatchWithoutAttackers()
    {
        var mixed = TempDir("mixed-one-worker");
        var honestOnly = TempDir("honest-only");
        var outMixed = TempDir("mixed-one-worker-out");
        var outHonest = TempDir("honest-only-out");
        try
        {
            var attacks = Directory.EnumerateFiles(Repo.Path("tests", "Grader.Tests", "Hostile", "submissions"), "*.csx").Order(StringComparer.Ordinal).ToList();
            for (var k = 0; k < attacks.Count; k++)
            {
                // Names sort as attacker k, then honest student k: graded one after the other, in one worker.
                Directory.CreateDirectory(Path.Combine(mixed, $"k{k:000}-a-attacker"));
                File.Copy(attacks[k], Path.Combine(mixed, $"k{k:000}-a-attacker", "hostile.csx"));
                foreach (var dir in new[] { mixed, honestOnly })
                {
                    Directory.CreateDirectory(Path.Combine(dir, $"k{k:000}-b-honest"));
                    File.WriteAllText(Path.Combine(dir, $"k{k:000}-b-honest", "hostile.csx"), $"// student {k}\n" + HostileSubmissionsTests.Honest);
                }
            }
            var problems = new[] { Hostile() };
            using (var pool = new WorkerPoolRunner(useBubblewrap: true))
            {
                new BatchGrader(new SubmissionGrader(pool, HostileSubmissionsTests.Limits)) { Parallelism = 1 }.Run(problems, mixed, outMixed);
            }
            new BatchGrader(new SubmissionGrader(TestRunners.Pool, HostileSubmissionsTests.Limits)).Run(problems, honestOnly, outHonest);

            for (var k = 0; k < attacks.Count; k++)
            {
                var name = Path.Combine($"k{k:000}-b-honest", "hostile");
                foreach (var ext in new[] { ".json", ".md" })
                {
                    Assert.That(File.ReadAllText(Path.Combine(outMixed, name + ext)), Is.EqualTo(File.ReadAllText(Path.Combine(outHonest, name + ext))),
                        $"the honest student after {Path.GetFileName(attacks[k])}");
                }
            }
        }
        finally
        {
            foreach (var dir in new[] { mixed, honestOnly, outMixed, outHonest })
            {
                Directory.Delete(dir, true);
            }
        }
    }

    private static void RunTool(string tool, string argument)
    {
        var start = new System.Diagnostics.ProcessStartInfo(tool) { UseShellExecute = false };
        start.ArgumentList.Add(argument);
        using var p = System.Diagnostics.Process.Start(start)!;
        p.WaitForExit();
        Assert.That(p.ExitCode, Is.EqualTo(0), $"{tool} {argument}");
    }
}
