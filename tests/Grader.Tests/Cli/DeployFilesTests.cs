using System.Diagnostics;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Grader.Tests.Cli;

/// <summary>The files shipped under src/Grader.Cli/deploy: scripts that bash accepts, YAML that parses, and the names that must agree.</summary>
public class DeployFilesTests
{
    /// <summary>The problems of the shipped assignment the bundle tests grade.</summary>
    private static readonly string[] Assignment = ["jacobians", "linear-discriminant", "regression-network"];

    private readonly List<string> roots = [];

    private static string Deploy(params string[] parts) => Repo.Path(["src", "Grader.Cli", "deploy", .. parts]);

    [TearDown]
    public void RemoveAutograderRoots()
    {
        foreach (var root in roots)
        {
            Directory.Delete(root, recursive: true);
        }
        roots.Clear();
    }

    [TestCase("gradescope", "setup.sh")]
    [TestCase("gradescope", "run_autograder")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Script_ParsesInBash_AndIsExecutable(string folder, string file)
    {
        var path = Deploy(folder, file);
        using var p = Process.Start(new ProcessStartInfo("bash", ["-n", path]) { RedirectStandardError = true })!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.That(p.ExitCode, Is.EqualTo(0), err);
        Assert.That(File.GetUnixFileMode(path) & UnixFileMode.UserExecute, Is.EqualTo(UnixFileMode.UserExecute));
    }

    [Test]
    public void SlowEndToEnd_RunAutograder_AllCorrect_FullMarksOverEveryProblem()
    {
        var root = AutograderRoot();
        // In sub-folders too, beside other files: every .csx is taken by its name.
        foreach (var file in Directory.GetFiles(Repo.Path("submissions", "all-correct")).Where(f => Assignment.Contains(Path.GetFileNameWithoutExtension(f))))
        {
            var folder = Path.GetFileName(file).StartsWith("jacobians", StringComparison.Ordinal) ? Path.Combine(root, "submission", "part-2") : Path.Combine(root, "submission");
            Directory.CreateDirectory(folder);
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
        File.WriteAllText(Path.Combine(root, "submission", "notes.txt"), "not a script");
        var (o, log) = RunAutograder(root);
        Assert.That(o.GetProperty("score").GetDouble(), Is.EqualTo(o.GetProperty("max_score").GetDouble()).And.EqualTo(55), log);
        var tests = o.GetProperty("tests").EnumerateArray().ToList();
        Assert.That(tests.Select(t => t.GetProperty("name").GetString()), Is.EquivalentTo(PartsOfTheAssignment()));
        Assert.That(tests.Select(t => t.GetProperty("status").GetString()), Is.All.EqualTo("passed"));
        Assert.That(o.GetProperty("output").GetString(), Is.EqualTo("jacobians: 15 / 15 (graded)\nlinear-discriminant: 10 / 10 (graded)\nregression-network: 30 / 30 (graded)"));
    }

    [Test]
    public void SlowEndToEnd_RunAutograder_Partial_LessThanFullMarks_HiddenPartNotInTheSummary()
    {
        var root = AutograderRoot();
        // c-grad-W, which the partial submission gets wrong, made a hidden part.
        var spec = Path.Combine(root, "source", "problems", "regression-network.yaml");
        File.WriteAllText(spec, File.ReadAllText(spec).Replace("  - id: c-grad-W\n", "  - id: c-grad-W\n    hidden: true\n", StringComparison.Ordinal));
        Directory.CreateDirectory(Path.Combine(root, "submission"));
        foreach (var file in Directory.GetFiles(Repo.Path("submissions", "partial")).Where(f => Assignment.Contains(Path.GetFileNameWithoutExtension(f))))
        {
            File.Copy(file, Path.Combine(root, "submission", Path.GetFileName(file)));
        }
        var (o, log) = RunAutograder(root);
        Assert.That(o.GetProperty("score").GetDouble(), Is.LessThan(o.GetProperty("max_score").GetDouble()), log);
        Assert.That(o.GetProperty("max_score").GetDouble(), Is.EqualTo(55));
        var tests = o.GetProperty("tests").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        Assert.That(tests.Keys, Is.EquivalentTo(PartsOfTheAssignment()));
        Assert.That(tests["regression-network/c-grad-W"].GetProperty("visibility").GetString(), Is.EqualTo("after_published"));
        Assert.That(tests.Where(t => t.Key != "regression-network/c-grad-W").Select(t => t.Value.GetProperty("visibility").GetString()), Is.All.EqualTo("visible"));
        // linear-discriminant.csx was not uploaded: its parts are there, failed, with no points.
        var missing = tests.Where(t => t.Key.StartsWith("linear-discriminant/", StringComparison.Ordinal)).Select(t => t.Value).ToList();
        Assert.That(missing, Has.Count.EqualTo(4));
        Assert.That(missing.Select(t => t.GetProperty("status").GetString()), Is.All.EqualTo("failed"));
        Assert.That(missing.Sum(t => t.GetProperty("score").GetDouble()), Is.EqualTo(0));
        var output = o.GetProperty("output").GetString()!;
        Assert.That(output, Does.Contain("regression-network: 10.48 / 20 in the parts shown now, 1 part(s) shown later (graded)"));
        Assert.That(output, Does.Contain("linear-discriminant: 0 / 10 (missing)"));
        Assert.That(output, Does.Not.Contain("/ 30").And.Not.Contain("/ 55"), "no total that counts the hidden part");
    }

    [Test]
    public void SlowEndToEnd_RunAutograder_NoScriptUploaded_ScoreZero()
    {
        var root = AutograderRoot();
        Directory.CreateDirectory(Path.Combine(root, "submission"));
        File.WriteAllText(Path.Combine(root, "submission", "answers.pdf"), "%PDF-1.4");
        var (o, log) = RunAutograder(root);
        Assert.That(o.GetProperty("score").GetDouble(), Is.EqualTo(0), log);
        Assert.That(o.GetProperty("max_score").GetDouble(), Is.EqualTo(55));
        Assert.That(o.GetProperty("tests").EnumerateArray().Select(t => t.GetProperty("name").GetString()), Is.EquivalentTo(PartsOfTheAssignment()));
        Assert.That(o.GetProperty("tests").EnumerateArray().Select(t => t.GetProperty("status").GetString()), Is.All.EqualTo("failed"));
    }

    [Test]
    public void SlowEndToEnd_RunAutograder_GraderFails_StillScoreZeroWithAPlainMessage()
    {
        var root = AutograderRoot();
        // A spec error: grade exits 2 and grades nothing.
        File.WriteAllText(Path.Combine(root, "source", "problems", "broken.yaml"), "id: broken\nparts: [\n");
        Directory.CreateDirectory(Path.Combine(root, "submission"));
        File.Copy(Repo.Path("submissions", "all-correct", "jacobians.csx"), Path.Combine(root, "submission", "jacobians.csx"));
        var (o, log) = RunAutograder(root);
        Assert.That(log, Does.Contain("grade exited 2"));
        Assert.That(o.GetProperty("score").GetDouble(), Is.EqualTo(0));
        Assert.That(o.GetProperty("output").GetString(), Does.Contain("could not grade this submission"));
        Assert.That(o.GetProperty("tests").GetArrayLength(), Is.EqualTo(0));
    }

    private static IEnumerable<string> PartsOfTheAssignment() =>
        Assignment.SelectMany(id => File.ReadAllLines(Repo.Path("problems", "cs577-a2", id + ".yaml"))
            .Where(l => l.StartsWith("  - id: ", StringComparison.Ordinal)).Select(l => $"{id}/{l["  - id: ".Length..].Trim()}"));

    /// <summary>
    /// A temporary AUTOGRADER_ROOT laid out as Gradescope unzips the bundle: <c>source/grader/</c> (the files of the
    /// grader's build only: its deps.json names them, and <c>worker/</c>) and <c>source/problems/</c>.
    /// </summary>
    private string AutograderRoot()
    {
        var root = Directory.CreateTempSubdirectory("autograder-").FullName;
        roots.Add(root);
        var grader = Path.Combine(root, "source", "grader");
        Directory.CreateDirectory(grader);
        var build = AppContext.BaseDirectory;
        using var deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(build, "grader.deps.json")));
        var files = deps.RootElement.GetProperty("targets").EnumerateObject().SelectMany(t => t.Value.EnumerateObject())
            .Where(lib => lib.Value.TryGetProperty("runtime", out _))
            .SelectMany(lib => lib.Value.GetProperty("runtime").EnumerateObject().Select(f => Path.GetFileName(f.Name)))
            .Concat(["grader.deps.json", "grader.runtimeconfig.json"]).Distinct();
        foreach (var file in files)
        {
            File.Copy(Path.Combine(build, file), Path.Combine(grader, file));
        }
        foreach (var file in Directory.EnumerateFiles(Path.Combine(build, "worker"), "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(grader, Path.GetRelativePath(build, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        Directory.CreateDirectory(Path.Combine(root, "source", "problems"));
        foreach (var id in Assignment)
        {
            File.Copy(Repo.Path("problems", "cs577-a2", id + ".yaml"), Path.Combine(root, "source", "problems", id + ".yaml"));
        }
        return root;
    }

    /// <summary>Runs the shipped run_autograder with bash on <paramref name="root"/>; it must exit 0 with a results.json valid for Gradescope.</summary>
    private static (JsonElement Results, string Log) RunAutograder(string root)
    {
        var start = new ProcessStartInfo("bash", [Deploy("gradescope", "run_autograder")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        start.Environment["AUTOGRADER_ROOT"] = root;
        // The tests' own CI must not leak into what they assert.
        start.Environment.Remove("GITHUB_OUTPUT");
        start.Environment.Remove("GITHUB_STEP_SUMMARY");
        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var log = p.StandardOutput.ReadToEnd() + stderr.Result;
        p.WaitForExit();
        Assert.That(p.ExitCode, Is.EqualTo(0), log);
        var path = Path.Combine(root, "results", "results.json");
        Assert.That(path, Does.Exist, log);
        var o = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        AssertValidResults(o, log);
        return (o, log);
    }

    /// <summary>The fields of Gradescope's results.json specification, with the types and values it allows.</summary>
    private static void AssertValidResults(JsonElement o, string log)
    {
        string[] visibilities = ["hidden", "after_due_date", "after_published", "visible"];
        Assert.That(o.GetProperty("score").ValueKind, Is.EqualTo(JsonValueKind.Number), log);
        Assert.That(o.GetProperty("output").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(o.GetProperty("output_format").GetString(), Is.EqualTo("text"));
        Assert.That(visibilities, Does.Contain(o.GetProperty("visibility").GetString()));
        Assert.That(visibilities, Does.Contain(o.GetProperty("stdout_visibility").GetString()));
        var tests = o.GetProperty("tests").EnumerateArray().ToList();
        if (o.TryGetProperty("max_score", out var max))
        {
            Assert.That(tests.Sum(t => t.GetProperty("max_score").GetDouble()), Is.EqualTo(max.GetDouble()).Within(1e-9));
        }
        Assert.That(tests.Sum(t => t.GetProperty("score").GetDouble()), Is.EqualTo(o.GetProperty("score").GetDouble()).Within(1e-9));
        Assert.That(tests.Select(t => t.GetProperty("number").GetString()), Is.Unique);
        Assert.That(tests.Select(t => t.GetProperty("name").GetString()), Is.Unique);
        foreach (var t in tests)
        {
            Assert.That(t.GetProperty("score").GetDouble(), Is.InRange(0, t.GetProperty("max_score").GetDouble()));
            Assert.That(new[] { "passed", "failed" }, Does.Contain(t.GetProperty("status").GetString()));
            Assert.That(t.GetProperty("output").GetString(), Is.Not.Empty);
            Assert.That(visibilities, Does.Contain(t.GetProperty("visibility").GetString()));
        }
    }

    [TestCase("github", "classroom.yml")]
    [TestCase("github", "grade-class.yml")]
    [TestCase("kubernetes", "grade-class-job.yaml")]
    public void Yaml_Parses(string folder, string file)
    {
        var yaml = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(Deploy(folder, file)));
        yaml.Load(reader);
        Assert.That(yaml.Documents, Is.Not.Empty);
    }

    [Test]
    public void ClassroomWorkflow_ReporterReadsTheGradersStepOutput()
    {
        var text = File.ReadAllText(Deploy("github", "classroom.yml"));
        // The reporter reads <RUNNER>_RESULTS for each runner id: here `grader`, from the step with id `grader`.
        Assert.That(text, Does.Contain("id: grader").And.Contain("GRADER_RESULTS: \"${{ steps.grader.outputs.result }}\"").And.Contain("runners: grader"));
        Assert.That(text, Does.Contain("--format classroom"));
    }

    [Test]
    public void KubernetesJob_IsIndexed_AndShardsMatchCompletions()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Deploy("kubernetes", "grade-class-job.yaml"))));
        var spec = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["spec"];
        Assert.That(spec["completionMode"].ToString(), Is.EqualTo("Indexed"));
        var n = spec["completions"].ToString();
        Assert.That(File.ReadAllText(Deploy("kubernetes", "grade-class-job.yaml")), Does.Contain($"--shard $((JOB_COMPLETION_INDEX + 1))/{n}"));
    }
}
