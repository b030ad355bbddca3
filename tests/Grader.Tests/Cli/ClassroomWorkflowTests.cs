using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Grader.Tests.Cli;

/// <summary>
/// The shipped GitHub Classroom workflow (src/Grader.Cli/deploy/github/classroom.yml), run as GitHub runs it: its
/// Grade step's script with bash in a folder laid out as the job's (the student's repository in <c>student/</c>, the
/// course's grader in <c>grader/</c>), its <c>dotnet run</c> answered by the tests' build of the grader; then its
/// reporter step's input given to <see cref="ClassroomReporter"/>, the grading reporter's behaviour. What is held:
/// what the student reads (the job summary and the log), and what the reporter prints and records.
/// </summary>
[Parallelizable(ParallelScope.Children)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public partial class ClassroomWorkflowTests
{
    private const string Actor = "octocat";

    private static readonly string Workflow = Repo.Path("src", "Grader.Cli", "deploy", "github", "classroom.yml");

    [Test]
    public void SlowEndToEnd_PartialCredit_StudentReadsTheirReport_ReporterFails_ClassroomRecordsThePoints()
    {
        var job = Job.Run(student => CopySubmissions(student, "partial", "regression-network", "jacobians"));
        var reports = job.Reports;
        var points = reports.Sum(r => r.GetProperty("score").GetDouble());
        var max = reports.Sum(r => r.GetProperty("max_score").GetDouble());
        Assert.That(points, Is.GreaterThan(0).And.LessThan(max), "a run with partial credit");

        // The result: fail (graded, below full marks), not error; each test names its part and carries its points.
        var result = job.Result;
        Assert.That(result.GetProperty("status").GetString(), Is.EqualTo("fail"), job.Log);
        var tests = result.GetProperty("tests").EnumerateArray().ToList();
        var parts = reports.SelectMany(r => r.GetProperty("parts").EnumerateArray().Select(p => (Id: $"{r.GetProperty("problem").GetString()}/{p.GetProperty("id").GetString()}", Part: p))).ToList();
        Assert.That(tests.Select(t => t.GetProperty("name").GetString()),
            Is.EqualTo(parts.Select(p => FormattableString.Invariant($"{p.Id} ({p.Part.GetProperty("score").GetDouble():0.##} / {p.Part.GetProperty("max_score").GetDouble():0.##})"))));
        for (var i = 0; i < tests.Count; i++)
        {
            Assert.That(tests[i].GetProperty("message").GetString(), Does.StartWith(parts[i].Id + ": ").And.Contain(parts[i].Part.GetProperty("feedback").GetString()));
            Assert.That(tests[i].GetProperty("status").GetString(), Is.EqualTo(parts[i].Part.GetProperty("status").GetString() == "correct" ? "pass" : "fail"));
        }

        // The reporter: the notice GitHub Classroom records has the points; its own total counts passed parts.
        var reporter = job.Reporter();
        Assert.That(reporter.Failed, Is.EqualTo("Some tests failed."));
        var notice = NoticeRegex().Match(reporter.Points ?? "");
        Assert.That(notice.Success, reporter.Points);
        Assert.That(double.Parse(notice.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(points).Within(1e-9));
        Assert.That(double.Parse(notice.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(max));
        var shown = reporter.Log.Single(l => l.StartsWith("Total points for grader: ", StringComparison.Ordinal))["Total points for grader: ".Length..].Split('/')[0];
        Assert.That(double.Parse(shown, System.Globalization.CultureInfo.InvariantCulture), Is.Not.EqualTo(points).Within(0.01), "the reporter's bug this run shows");

        // What the student reads: their own report, with the points Classroom records and what the reporter's total is.
        var summary = job.Summary;
        Assert.That(summary, Does.StartWith(FormattableString.Invariant($"# Autograding: {points:0.##} / {max:0.##}\n")));
        Assert.That(summary, Does.Contain($"reads {reporter.Points}.").And.Contain(FormattableString.Invariant($"shows {double.Parse(shown, System.Globalization.CultureInfo.InvariantCulture):0.##} / {max:0.##} instead")));
        Assert.That(summary, Does.Not.Contain("class results"), "not the class summary");
        foreach (var (id, part) in parts)
        {
            Assert.That(summary, Does.Contain($"| {part.GetProperty("id").GetString()} |"));
        }
        Assert.That(summary, Does.Contain($"## regression-network: {Actor}").And.Contain($"## jacobians: {Actor}").And.Contain("transposed"));
        Assert.That(job.Log, Does.Contain(FormattableString.Invariant($"Autograding: {points:0.##} / {max:0.##}")).And.Contain("transposed"));
        foreach (var r in reports)
        {
            Assert.That(job.Log, Does.Contain(FormattableString.Invariant($"{r.GetProperty("problem").GetString()}: {r.GetProperty("score").GetDouble():0.##} / {r.GetProperty("max_score").GetDouble():0.##} ({r.GetProperty("status").GetString()})")));
        }
    }

    [Test]
    public void SlowEndToEnd_DoesNotCompile_DiagnosticsWhereTheStudentLooks_EachTestNamesItsPart()
    {
        var job = Job.Run(student => CopySubmissions(student, "compile-error", "regression-network"));
        var graded = job.Reports.Where(r => r.GetProperty("problem").GetString() == "regression-network").ToList();
        Assert.That(graded, Has.Count.EqualTo(1), "the Grade step wrote the student's report:\n" + job.Log + "\n" + job.Summary);
        var report = graded[0];
        Assert.That(report.GetProperty("status").GetString(), Is.EqualTo("compile_error"), job.Log);
        var diagnostics = report.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetString()!).ToList();
        Assert.That(diagnostics, Is.Not.Empty);

        // In the summary and the log, every compiler message.
        Assert.That(job.Summary, Does.Contain("Compiler and policy messages"));
        foreach (var d in diagnostics)
        {
            Assert.That(job.Summary, Does.Contain(Grader.Grading.Reports.Escape.Markdown(d)));
            Assert.That(job.Log, Does.Contain(d));
        }
        // The result: fail (the submission was graded: 0 points), and a test per part, each naming it, with the first message.
        Assert.That(job.Result.GetProperty("status").GetString(), Is.EqualTo("fail"));
        var tests = job.Result.GetProperty("tests").EnumerateArray().Where(t => t.GetProperty("name").GetString()!.StartsWith("regression-network/", StringComparison.Ordinal)).ToList();
        var ids = report.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToList();
        Assert.That(tests.Select(t => t.GetProperty("message").GetString()), Is.Unique);
        for (var i = 0; i < ids.Count; i++)
        {
            Assert.That(tests[i].GetProperty("message").GetString(), Does.StartWith($"regression-network/{ids[i]}: ").And.Contain(diagnostics[0]));
        }
        var reporter = job.Reporter();
        Assert.That(reporter.Failed, Is.EqualTo("Some tests failed."));
        var lines = reporter.Log.Where(l => l.StartsWith("❌ regression-network/", StringComparison.Ordinal)).ToList();
        Assert.That(lines, Has.Count.EqualTo(ids.Count).And.Unique, "a line per part, each with its name");
    }

    [Test]
    public void SlowEndToEnd_GraderCannotGrade_ErrorResult_NothingRecorded_StudentToldWhose()
    {
        var job = Job.Run(student => CopySubmissions(student, "all-correct", "regression-network"),
            grader => File.WriteAllText(Path.Combine(grader, "problems", "cs577-a2", "broken.yaml"), "id: broken\nparts: [\n"));
        Assert.That(job.Log, Does.Contain("broken.yaml"), "the spec error, for the instructor");
        Assert.That(job.Result.GetProperty("status").GetString(), Is.EqualTo("error"));
        var reporter = job.Reporter();
        Assert.That(reporter.Failed, Is.EqualTo("Some tests errored."));
        Assert.That(reporter.Points, Is.Null, "no grade is recorded");
        Assert.That(reporter.Log, Has.Some.StartsWith("Error: The grader could not grade this submission (exit code 2): a problem of the course's, not yours."));
        Assert.That(job.Summary, Does.StartWith("# Autograding: not graded\n").And.Contain("not yours"));
    }

    [Test]
    public void SlowEndToEnd_FullMarks_Pass_ReporterTotalAgrees()
    {
        var job = Job.Run(student => CopySubmissions(student, "all-correct", "regression-network", "jacobians", "linear-discriminant"));
        Assert.That(job.Result.GetProperty("status").GetString(), Is.EqualTo("pass"), job.Log);
        var reporter = job.Reporter();
        Assert.That(reporter.Failed, Is.Null);
        Assert.That(reporter.Points, Is.EqualTo("Points 55/55"));
        Assert.That(reporter.Log, Does.Contain("Total points for grader: 55.00/55"));
        Assert.That(job.Summary, Does.StartWith("# Autograding: 55 / 55\n").And.Not.Contain("instead"));
    }

    private static void CopySubmissions(string student, string from, params string[] problems)
    {
        foreach (var id in problems)
        {
            File.Copy(Repo.Path("submissions", from, id + ".csx"), Path.Combine(student, id + ".csx"));
        }
    }

    [GeneratedRegex(@"^Points ([0-9.]+)/([0-9.]+)$")]
    private static partial Regex NoticeRegex();

    /// <summary>One run of the workflow's job: what its Grade step printed, wrote to the summary and to its outputs.</summary>
    private sealed record Job(string Log, string Summary, IReadOnlyDictionary<string, string> Outputs, IReadOnlyList<JsonElement> Reports)
    {
        public JsonElement Result => JsonDocument.Parse(Convert.FromBase64String(Outputs["result"])).RootElement;

        /// <summary>The reporter step, with its env and inputs as the workflow writes them, the step outputs filled in.</summary>
        public ClassroomReporter Reporter()
        {
            var step = Steps().Single(s => s.Children.TryGetValue("uses", out var u) && u.ToString().StartsWith("classroom-resources/autograding-grading-reporter@", StringComparison.Ordinal));
            var env = ((YamlMappingNode)step["env"]).Children.ToDictionary(kv => kv.Key.ToString(), kv => (string?)OutputRef().Replace(kv.Value.ToString(), m =>
            {
                Assert.That(m.Groups[1].Value, Is.EqualTo("grader"), "the reporter reads the Grade step's outputs");
                return Outputs.GetValueOrDefault(m.Groups[2].Value, "");
            }));
            return ClassroomReporter.Run(((YamlMappingNode)step["with"])["runners"].ToString(), env);
        }

        public static Job Run(Action<string> student, Action<string>? grader = null)
        {
            var folder = Directory.CreateTempSubdirectory("classroom-job-").FullName;
            try
            {
                return RunIn(folder, student, grader);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        private static Job RunIn(string folder, Action<string> student, Action<string>? grader)
        {
            // The job's checkouts: the student's repository and the course's grader (its problems; the build is the tests').
            var studentDir = Directory.CreateDirectory(Path.Combine(folder, "student")).FullName;
            student(studentDir);
            var graderDir = Path.Combine(folder, "grader");
            var problems = Directory.CreateDirectory(Path.Combine(graderDir, "problems", "cs577-a2")).FullName;
            foreach (var spec in Directory.GetFiles(Repo.Path("problems", "cs577-a2"), "*.yaml"))
            {
                File.Copy(spec, Path.Combine(problems, Path.GetFileName(spec)));
            }
            grader?.Invoke(graderDir);
            var step = Steps().Single(s => s.Children.TryGetValue("id", out var id) && id.ToString() == "grader");
            var script = step["run"].ToString();
            Assert.That(script, Does.Contain("dotnet run -c Release --project grader/src/Grader.Cli -- grade"));
            Assert.That(Repo.Path("src", "Grader.Cli", "Grader.Cli.csproj"), Does.Exist, "the project the workflow runs, at the path it names");
            var bin = Directory.CreateDirectory(Path.Combine(folder, ".bin")).FullName;
            var shim = Path.Combine(bin, "dotnet");
            // `dotnet run -c Release --project grader/src/Grader.Cli -- <args>`: the tests' build of that project.
            File.WriteAllText(shim, $$"""
                #!/usr/bin/env bash
                [ "$1 $2 $3 $4 $5 $6" = "run -c Release --project grader/src/Grader.Cli --" ] || { echo "shim: unexpected dotnet $*" >&2; exit 99; }
                shift 6
                exec "{{RealDotnet()}}" "{{Path.Combine(AppContext.BaseDirectory, "grader.dll")}}" "$@"
                """);
            File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var scriptFile = Path.Combine(folder, ".step.sh");
            File.WriteAllText(scriptFile, script);
            var output = Path.Combine(folder, ".github_output");
            var summary = Path.Combine(folder, ".step_summary");
            File.WriteAllText(output, "");
            File.WriteAllText(summary, "");
            // As GitHub runs a step's `run`: bash --noprofile --norc -eo pipefail {0}, with the step's env.
            var start = new ProcessStartInfo("bash", ["--noprofile", "--norc", "-eo", "pipefail", scriptFile])
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            var env = step.Children.TryGetValue("env", out var e) ? ((YamlMappingNode)e).Children.ToList() : [];
            foreach (var (key, value) in env)
            {
                var text = value.ToString().Replace("${{ github.actor }}", Actor, StringComparison.Ordinal);
                Assert.That(text, Does.Not.Contain("${{"), $"an expression the test does not fill in: {key}");
                start.Environment[key.ToString()] = text;
            }
            start.Environment["GITHUB_OUTPUT"] = output;
            start.Environment["GITHUB_STEP_SUMMARY"] = summary;
            start.Environment["GRADER_CHECK_SERVER"] = "0";
            start.Environment["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
            using var p = Process.Start(start)!;
            var stderr = p.StandardError.ReadToEndAsync();
            var log = p.StandardOutput.ReadToEnd() + stderr.Result;
            p.WaitForExit();
            Assert.That(p.ExitCode, Is.EqualTo(0), "the Grade step succeeds, so that the reporter runs:\n" + log);
            var outputs = File.ReadAllLines(output).Where(l => l.Contains('=')).ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);
            // The reports the Grade step wrote for the student (out/<student>/*.json), read before the folder goes.
            var reports = Path.Combine(folder, "out", Actor);
            return new Job(log, File.ReadAllText(summary), outputs, !Directory.Exists(reports) ? [] :
                Directory.GetFiles(reports, "*.json").Order(StringComparer.Ordinal)
                    .Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.Clone())
                    .Where(o => o.TryGetProperty("problem", out _)).ToList());
        }
    }

    private static IEnumerable<YamlMappingNode> Steps()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Workflow)));
        var jobs = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["jobs"];
        return jobs.Children.Values.Cast<YamlMappingNode>().SelectMany(j => ((YamlSequenceNode)j["steps"]).Children.Cast<YamlMappingNode>());
    }

    [GeneratedRegex(@"\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}")]
    private static partial Regex OutputRef();

    /// <summary>The dotnet host on PATH, before the shim is put first.</summary>
    private static string RealDotnet() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, "dotnet")).FirstOrDefault(File.Exists)
        ?? Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? throw new InvalidOperationException("no dotnet on PATH");
}
