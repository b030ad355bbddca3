using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Grader.Problems.Feedback;
using Grader.Problems.Solving;
using Grader.Problems.Yaml;

namespace Grader.Tests.Cli;

/// <summary>The command line of FORMAT.md section 3, through the real executable.</summary>
[Parallelizable(ParallelScope.Children)]
public class CliTests
{
    private const string Regression = "problems/cs577-a2/regression-network.yaml";

    private static string BadSpec()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}", "bad.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "id: bad\ngiven: { W: [[1, 2], [3, 4]], x: [1, 2, 3] }\ncompute:\n  y: W @ x\nparts:\n  - { id: p, answer: y }\n");
        return path;
    }

    [Test]
    public void Solve_Json_HasTheFormatShape()
    {
        var r = CliRunner.Run("solve", Regression, "--format", "json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        var json = JsonNode.Parse(r.Stdout)!;
        Assert.That(json["problem"]!.GetValue<string>(), Is.EqualTo("regression-network"));
        var parts = json["parts"]!.AsArray();
        Assert.That(parts.Select(p => p!["id"]!.GetValue<string>()), Is.EqualTo(new[] { "b-hidden", "b-loss", "c-grad-W", "d-grad-v-impl" }));
        Assert.That(parts[1]!["answer"]!.GetValue<double>(), Is.EqualTo(281.70005).Within(1e-4));
        Assert.That(parts[0]!["answer"]!.AsArray(), Has.Count.EqualTo(3));
        Assert.That(parts[3]!["answer"]!.AsArray(), Has.Count.EqualTo(4), "an implement part shows its first case");
    }

    [Test]
    public void Solve_PropertyPart_AnswerIsNull()
    {
        var r = CliRunner.Run("solve", "problems/dl-a1/relu-fit.yaml", "--format", "json");
        var parts = JsonNode.Parse(r.Stdout)!["parts"]!.AsArray();
        Assert.That(parts.All(p => p!.AsObject().ContainsKey("answer") && p["answer"] is null), Is.True);
    }

    [Test]
    public void Solve_Text_MatchesApproved() =>
        Approvals.Verify("cli/solve-regression-network.txt", CliRunner.Run("solve", Regression).Stdout);

    [Test]
    public void Solve_BadSpec_Exits2_WithFileLineColumn()
    {
        var spec = BadSpec();
        var r = CliRunner.Run("solve", spec);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain($"{spec}:4:6: error: W @ x: [2, 2] @ [3]"));
        Assert.That(r.Stdout, Is.Empty);
    }

    [Test]
    public void Validate_ShippedProblems_Exits0() =>
        Assert.That(CliRunner.Run("validate", "problems").ExitCode, Is.EqualTo(0));

    [Test]
    public void Validate_AndGrade_RefuseTheSameFolder_WhenTwoSpecsShareAnId()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"dup-{Guid.NewGuid():N}");
        foreach (var sub in new[] { "a1", "a2" })
        {
            Directory.CreateDirectory(Path.Combine(dir, "problems", sub));
            File.Copy(Repo.Path(Regression), Path.Combine(dir, "problems", sub, "regression-network.yaml"));
        }
        Directory.CreateDirectory(Path.Combine(dir, "subs", "alice"));
        const string message = "error: problem id `regression-network` is used by ";
        var validate = CliRunner.Run("validate", Path.Combine(dir, "problems"));
        Assert.That(validate.ExitCode, Is.EqualTo(2));
        Assert.That(validate.Stderr, Does.Contain(message));
        Assert.That(validate.Stdout, Does.Contain("2 valid, 0 invalid; 1 problem id(s) used by more than one spec"));
        var grade = CliRunner.Run("grade", Path.Combine(dir, "problems"), Path.Combine(dir, "subs"), "--out", Path.Combine(dir, "out"));
        Assert.That(grade.ExitCode, Is.EqualTo(2));
        Assert.That(grade.Stderr, Does.Contain(message));
    }

    [Test]
    public void Grade_NamesTheFoldersItLeavesOut()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"dot-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(dir, "problems"));
        File.Copy(Repo.Path(Regression), Path.Combine(dir, "problems", "regression-network.yaml"));
        Directory.CreateDirectory(Path.Combine(dir, "subs", ".hidden"));
        File.WriteAllText(Path.Combine(dir, "subs", ".hidden", "regression-network.csx"), "Answer(\"b-loss\", 1.0);\n");
        var r = CliRunner.Run("grade", Path.Combine(dir, "problems"), Path.Combine(dir, "subs"), "--out", Path.Combine(dir, "out"));
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stdout, Does.Contain("graded 0 submissions (0 students x 1 problems").And.Contains("not graded: 1 folder(s) whose names start with '.' (.hidden)"));
    }

    [Test]
    public void Validate_BadSpec_Exits2() => Assert.That(CliRunner.Run("validate", BadSpec()).ExitCode, Is.EqualTo(2));

    [TestCase("frobnicate")]
    [TestCase("solve")]
    [TestCase("solve", Regression, "--format", "xml")]
    [TestCase("grade", "problems", "submissions")]
    [TestCase("check", Regression, "no/such/file.csx")]
    [TestCase("grade", "no-such-dir", "submissions", "--out", "x")]
    public void Usage_Error_Exits2(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stdout + r.Stderr);
        Assert.That(r.Stderr, Does.Contain("error"));
    }

    [Test]
    public void Check_AllCorrect_Exits0() =>
        Assert.That(CliRunner.Run("check", Regression, "submissions/all-correct/regression-network.csx").ExitCode, Is.EqualTo(0));

    [Test]
    public void Check_Partial_Exits1_AndShowsATable()
    {
        var r = CliRunner.Run("check", Regression, "submissions/partial/regression-network.csx");
        Assert.That(r.ExitCode, Is.EqualTo(1));
        Assert.That(r.Stdout, Does.Contain("✓ b-hidden").And.Contain("✗ c-grad-W").And.Contain("~ d-grad-v-impl"));
    }

    [Test]
    public void Check_Text_MatchesApproved()
    {
        var text = CliRunner.Run("check", Regression, "submissions/write-up-mistakes/regression-network.csx").Stdout;
        var scrubbed = string.Join("\n", text.Split('\n').Where(l => !l.TrimStart().StartsWith("(ran ", StringComparison.Ordinal)));
        Approvals.Verify("cli/check-write-up-mistakes.txt", scrubbed);
    }

    [Test]
    public void Check_BadSpec_Exits2() =>
        Assert.That(CliRunner.Run("check", BadSpec(), "submissions/all-correct/regression-network.csx").ExitCode, Is.EqualTo(2));

    [Test]
    public void Check_Json_IsAReport()
    {
        var r = CliRunner.Run("check", Regression, "submissions/compile-error/regression-network.csx", "--format", "json");
        Assert.That(r.ExitCode, Is.EqualTo(1));
        var json = JsonNode.Parse(r.Stdout)!;
        Assert.That(json["status"]!.GetValue<string>(), Is.EqualTo("compile_error"));
        Assert.That(json["score"]!.GetValue<double>(), Is.EqualTo(0));
        Assert.That(json["max_score"]!.GetValue<double>(), Is.EqualTo(30));
        Assert.That(json["diagnostics"]![0]!.GetValue<string>(), Does.StartWith("regression-network.csx:2:25: error CS1002"));
    }

    [Test]
    public void Check_HiddenCases_NeverShowTheirInputsOrExpectedValues()
    {
        var problem = SpecLoader.LoadFile(Repo.Path(Regression)).Problem!;
        var hidden = ReferenceSolver.Cases(problem, problem.Parts.Single(p => p.Id == "d-grad-v-impl")).Where(c => c.Hidden).ToList();
        Assert.That(hidden, Is.Not.Empty);
        foreach (var submission in new[] { "write-up-mistakes", "partial" })
        {
            foreach (var format in new[] { "json", "text" })
            {
                var output = CliRunner.Run("check", Regression, $"submissions/{submission}/regression-network.csx", "--format", format).Stdout;
                foreach (var c in hidden)
                {
                    foreach (var number in c.Inputs.SelectMany(kv => kv.Value.ToArray()).Concat(c.Expected.ToArray()))
                    {
                        // Six significant digits of any hidden number would give it away.
                        Assert.That(output, Does.Not.Contain(number.ToString("G6", CultureInfo.InvariantCulture)), $"{submission} {format}");
                    }
                }
            }
        }
    }

    [Test]
    public void Grade_WritesReportsAndGradebook_AndASummary()
    {
        var output = Path.Combine(Path.GetTempPath(), $"grade-{Guid.NewGuid():N}");
        try
        {
            var r = CliRunner.Run("grade", "problems", "submissions", "--out", output, "--quiet");
            Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
            Assert.That(r.Stdout, Does.Contain("graded 105 submissions (5 students x 21 problems").And.Contain("by status: compile_error 2, graded 45, missing 58"));
            Assert.That(File.Exists(Path.Combine(output, "all-correct", "relu-fit.json")), Is.True);
            Assert.That(File.Exists(Path.Combine(output, "all-correct", "relu-fit.md")), Is.True);
            Assert.That(File.ReadLines(Path.Combine(output, "gradebook.csv")).Count(), Is.EqualTo(6));
        }
        finally
        {
            Directory.Delete(output, true);
        }
    }

    [Test]
    public void Version_PrintsTheVersionAndTheCommitItWasBuiltFrom_Exits0()
    {
        var r = CliRunner.Run("--version");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        var built = typeof(Grader.Cli.App).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.That(r.Stdout, Is.EqualTo(built + Environment.NewLine));
        // Built from a git checkout (as the tests are), the version names its commit: which build a student's kit is.
        var commit = Directory.Exists(Repo.Path(".git")) || File.Exists(Repo.Path(".git")) ? @"\+[0-9a-f]{40}" : "";
        Assert.That(built, Does.Match($@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?{commit}$"));
    }
}
