using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Grader.Engine;
using Grader.Problems.Feedback;
using Grader.Problems.Model;
using Grader.Problems.Solving;
using Grader.Problems.Yaml;

namespace Grader.Tests.Cli;

/// <summary>
/// <c>assign</c> through the grader's own build: the kit of every shipped assignment (and of a spec with public
/// examples) holds no reference answer and no step, its starters compile and are reported as not ready, and the
/// public check tells a complete submission from an incomplete one.
/// </summary>
[NonParallelizable]
public class AssignTests
{
    private static readonly string Examples = Repo.Path("tests", "Grader.Tests", "Cli", "Kits", "examples");
    private string _root = "";
    private readonly Dictionary<string, string> _kits = new(StringComparer.Ordinal);

    /// <summary>Every assignment folder shipped under problems/, and the fixture with public examples.</summary>
    private static IEnumerable<string> Assignments() =>
        Directory.EnumerateDirectories(Repo.Path("problems")).Order(StringComparer.Ordinal).Append(Examples);

    [OneTimeSetUp]
    public void MakeKits()
    {
        _root = Directory.CreateTempSubdirectory("grader-kits-").FullName;
        foreach (var dir in Assignments())
        {
            var name = Path.GetFileName(dir);
            var r = Assign(dir, Path.Combine(_root, name));
            Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr + r.Stdout);
            _kits[name] = Path.Combine(_root, name);
        }
    }

    [OneTimeTearDown]
    public void Clean() => Directory.Delete(_root, recursive: true);

    private static CliRunner.Result Assign(string problems, string outDir) =>
        CliRunner.RunProgram("dotnet", [Path.Combine(CliRunner.GraderBuild, "grader.dll"), "assign", problems, "--out", outDir], Repo.Root);

    private static CliRunner.Result Check(string folder, params string[] args) =>
        CliRunner.RunProgram("dotnet", [Path.Combine(CliRunner.GraderBuild, "grader.dll"), "check", .. args], folder);

    [Test]
    public void Kit_HoldsEveryProblemsFiles_AndTheAutograderItsSpecs()
    {
        foreach (var dir in Assignments())
        {
            var kit = _kits[Path.GetFileName(dir)];
            foreach (var spec in Directory.EnumerateFiles(dir, "*.yaml"))
            {
                var id = Path.GetFileNameWithoutExtension(spec);
                foreach (var file in new[] { $"{id}.md", $"{id}.csx", $"{id}.public.yaml" })
                {
                    Assert.That(File.Exists(Path.Combine(kit, "student", file)), $"{dir}: student/{file}");
                }
                using var zip = ZipFile.OpenRead(Path.Combine(kit, "autograder", "autograder.zip"));
                Assert.That(zip.GetEntry($"problems/{id}.yaml"), Is.Not.Null, $"{dir}: the autograder holds the full spec {id}");
                Assert.That(zip.GetEntry("grader/grader.dll"), Is.Not.Null);
                Assert.That((zip.GetEntry("run_autograder")!.ExternalAttributes >> 16) & 0x40, Is.Not.Zero, "run_autograder is executable");
            }
            Assert.That(Directory.GetFiles(Path.Combine(kit, "student"), "Grader.Tool.*.nupkg"), Has.Length.EqualTo(1));
            Assert.That(File.Exists(Path.Combine(kit, "autograder", "classroom", "template", ".github", "workflows", "check.yml")));
        }
    }

    [Test]
    public void Kit_NoReferenceAnswer_NoStep_NoHiddenCase_NoCondition()
    {
        foreach (var dir in Assignments())
        {
            var leaks = Leaks(Path.Combine(_kits[Path.GetFileName(dir)], "student"), dir);
            Assert.That(leaks, Is.Empty, $"the kit of {dir} gives away:\n" + string.Join("\n", leaks.Take(20)));
        }
    }

    [Test]
    public void LeakScan_FindsAPlantedAnswer_AndAPlantedStep()
    {
        var kit = Path.Combine(_root, "planted");
        CopyFolder(Path.Combine(_kits["cs577-a2"], "student"), kit);
        var spec = SpecLoader.LoadFile(Repo.Path("problems", "cs577-a2", "regression-network.yaml")).Problem!;
        var gradW = ReferenceSolver.Solve(spec).Single(s => s.Part.Id == "c-grad-W").Expected!;
        Assert.That(Leaks(kit, Repo.Path("problems", "cs577-a2")), Is.Empty);

        File.AppendAllText(Path.Combine(kit, "regression-network.md"), $"\nhint: {Tensor.FormatNumber(gradW[4])}\n");
        Assert.That(Leaks(kit, Repo.Path("problems", "cs577-a2")), Has.Some.Contains("c-grad-W"));

        CopyFolder(Path.Combine(_kits["cs577-a2"], "student"), kit);
        File.AppendAllText(Path.Combine(kit, "regression-network.csx"), "\n// yhat = augment(Z) @ v\n");
        Assert.That(Leaks(kit, Repo.Path("problems", "cs577-a2")), Has.Some.Contains("step yhat"));

        CopyFolder(Path.Combine(_kits["cs577-a2"], "student"), kit);
        File.AppendAllText(Path.Combine(kit, "regression-network.public.yaml"), $"# {gradW[0].ToString("R", CultureInfo.InvariantCulture)}\n");
        Assert.That(Leaks(kit, Repo.Path("problems", "cs577-a2")), Has.Some.Contains("c-grad-W"));
    }

    [Test]
    public void Assign_HoldsBackExamples_ThatGiveAnAnswerAway_AndSaysWhy()
    {
        var r = Assign(Examples, Path.Combine(_root, "again"));
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stdout, Does.Contain("held back: linear-unit: part c-impl, case 1 (line 35)").And.Contain("answer to part b-grad"));
        Assert.That(r.Stdout, Does.Contain("cases 3-5 (line 38)").And.Contain("hidden"));
        var text = File.ReadAllText(Path.Combine(_kits["examples"], "student", "linear-unit.public.yaml"));
        // The one published example: X = I, y = [1, -1], w = [2, 3] gives dL/dw = 2 X^T (X w - y) = [2, 8].
        Assert.That(text, Does.Contain("inputs: { X: [[1, 0], [0, 1]], y: [1, -1], w: [2, 3] }").And.Contain("expected: [2, 8]"));
        Assert.That(Regex.Matches(text, "expected:").Count, Is.EqualTo(1));
    }

    [Test]
    public void Assign_RefusesAnInvalidSpec_WithItsErrors_AndWritesNothing()
    {
        var bad = Directory.CreateTempSubdirectory("grader-bad-").FullName;
        File.WriteAllText(Path.Combine(bad, "broken.yaml"), "id: broken\nparts:\n  - id: a\n    answer: nope + 1\n");
        var r = Assign(bad, Path.Combine(_root, "broken-kit"));
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("broken.yaml:4:").And.Contain("nothing was released"));
        Assert.That(Directory.Exists(Path.Combine(_root, "broken-kit", "student")), Is.False);
    }

    [Test]
    public void Handout_BlockText_HasNoLiteralNewline_AndAComputedGivenShowsItsValue()
    {
        var md = File.ReadAllText(Path.Combine(_kits["examples"], "student", "linear-unit.md"));
        Assert.That(md, Does.Not.Contain("\\n"));
        Assert.That(md, Does.Contain("squared error.  \nEvery row of X is a sample.\n\nThe second paragraph."));
        Assert.That(md, Does.Contain("The loss L, summed over the samples."));
        Assert.That(md, Does.Contain("`Xa` = `[[1, 1, 2], [1, 3, 4], [1, 5, 7]]`"));
    }

    /// <summary>
    /// What a C# editor sees (OmniSharp reads a .csx with its <c>#load</c>s resolved from the disk, and no globals type):
    /// every starter with the kit's grader.csx compiles without an error, so <c>Answer</c> is known; so does a filled-in
    /// submission that keeps the starter's first lines.
    /// </summary>
    [Test]
    public void Starters_CompileInAnEditor_WithTheKitsDeclarations()
    {
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => (Microsoft.CodeAnalysis.MetadataReference)Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(p)).ToList();
        foreach (var dir in Assignments())
        {
            var student = Path.Combine(_kits[Path.GetFileName(dir)], "student");
            var scripts = Directory.EnumerateFiles(student, "*.csx").Where(f => Path.GetFileName(f) != "grader.csx").ToList();
            var filled = Path.Combine(student, "filled.csx");
            var header = File.ReadLines(scripts[0]).Where(l => l.StartsWith("#load", StringComparison.Ordinal) || l.StartsWith("using ", StringComparison.Ordinal));
            File.WriteAllText(filled, string.Join("\n", header) + "\n" + File.ReadAllText(Repo.Path("submissions", "all-correct", "regression-network.csx")));
            foreach (var script in scripts.Append(filled))
            {
                var options = new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary,
                    sourceReferenceResolver: new Microsoft.CodeAnalysis.SourceFileResolver([], student));
                var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(File.ReadAllText(script),
                    new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(kind: Microsoft.CodeAnalysis.SourceCodeKind.Script), script);
                var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.CreateScriptCompilation("editor", tree, framework, options);
                var errors = compilation.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
                Assert.That(errors, Is.Empty, $"{script}:\n" + string.Join("\n", errors));
            }
            File.Delete(filled);
        }
    }

    [TestCase("alice")]
    [TestCase("bob")]
    public void Render_OfThePublicFile_IsTheHandoutOfTheSpec_WithTheStudentsOwnNumbers(string student)
    {
        var fromKit = CliRunner.RunIn(Path.Combine(_kits["dl-a3"], "student"), new Dictionary<string, string?>(), ["render", "own-numbers.public.yaml", "--student", student]);
        var fromSpec = CliRunner.Run("render", "problems/dl-a3/own-numbers.yaml", "--student", student);
        Assert.That(fromKit.ExitCode, Is.EqualTo(0), fromKit.Stderr);
        Assert.That(fromKit.Stdout, Is.EqualTo(fromSpec.Stdout));
        Assert.That(fromKit.Stdout, Does.Contain("(your own)"));
    }

    [Test]
    public void Handout_StatesTheFunctionsAndTheNetwork_TheProblemIsAbout()
    {
        var formula = File.ReadAllText(Path.Combine(_kits["dl-a2"], "student", "formula-gradient.md"));
        Assert.That(formula, Does.Contain("## Functions").And.Contain("`f(x, y) = x^2 * y + exp(x * y) / 2`"));
        var softmax = File.ReadAllText(Path.Combine(_kits["dl-a2"], "student", "softmax-classifier.md"));
        Assert.That(softmax, Does.Contain("layer `hidden`: 3 units, relu activation, on `X`; weights `W1`"));
        Assert.That(softmax, Does.Contain("loss `loss`: cross_entropy of the output `out.yhat` against `labels`, the mean over the samples"));
    }

    [Test]
    public void PublicFile_GivenToValidate_IsNamedForWhatItIs()
    {
        var r = CliRunner.Run("validate", Path.Combine(_kits["cs577-a2"], "student", "regression-network.public.yaml"));
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("is a student kit's public file: it holds no answers, so only check and render read it"));
    }

    [Test]
    public void UntouchedStarters_Compile_AndAreNotReady_NamingEveryPart()
    {
        foreach (var dir in Assignments())
        {
            var student = Path.Combine(_kits[Path.GetFileName(dir)], "student");
            foreach (var spec in Directory.EnumerateFiles(student, "*.public.yaml"))
            {
                var id = Path.GetFileName(spec)[..^".public.yaml".Length];
                var r = Check(student, $"{id}.public.yaml", $"{id}.csx", "--student", "alice", "--format", "json");
                Assert.That(r.ExitCode, Is.EqualTo(1), $"{id}: {r.Stdout}{r.Stderr}");
                using var json = System.Text.Json.JsonDocument.Parse(r.Stdout);
                Assert.That(json.RootElement.GetProperty("status").GetString(), Is.EqualTo("checked"), id);
                var parts = json.RootElement.GetProperty("parts").EnumerateArray().ToList();
                var problem = SpecLoader.LoadFile(Directory.EnumerateFiles(dir, $"{id}.yaml").Single()).Problem!;
                Assert.That(parts.Select(p => p.GetProperty("id").GetString()), Is.EqualTo(problem.Parts.Select(p => p.Id)));
                Assert.That(parts.Select(p => p.GetProperty("status").GetString()), Has.None.EqualTo("ready"), id);
            }
        }
    }

    [TestCase("all-correct", 0)]
    [TestCase("partial", 0)]
    [TestCase("missing-parts", 1)]
    [TestCase("compile-error", 1)]
    public void PublicCheck_ShippedSubmissions_ReadyWhateverTheirValues(string student, int exit)
    {
        var kit = Path.Combine(_kits["cs577-a2"], "student");
        var r = Check(kit, "regression-network.public.yaml", Repo.Path("submissions", student, "regression-network.csx"));
        Assert.That(r.ExitCode, Is.EqualTo(exit), r.Stdout + r.Stderr);
        Assert.That(r.Stdout, Does.Contain(exit == 0 ? "ready to submit" : student == "compile-error" ? "compile_error" : "not ready yet"));
        Assert.That(r.Stdout, Does.Contain("ran in"), "the report says which sandbox ran");
        if (exit == 0)
        {
            Assert.That(r.Stdout, Does.Contain("graded when you submit"));
        }
    }

    [TestCase("Answer(\"a-loss\", 1.0); Answer(\"b-grad\", new[] { 1.0, 2.0 }); Answer(\"d-width\", 3);", 1, "c-impl", "no method double[] GradW")]
    [TestCase("Answer(\"a-loss\", new[] { 1.0, 2.0 }); Answer(\"b-grad\", new[] { 1.0, 2.0 }); Answer(\"d-width\", 3);" + Grad, 1, "a-loss", "shaped [2], but this part asks for []")]
    [TestCase("Answer(\"a-loss\", double.NaN); Answer(\"b-grad\", new[] { 1.0, 2.0 }); Answer(\"d-width\", 3);" + Grad, 1, "a-loss", "not finite")]
    [TestCase("Answer(\"a-loss\", 1.0); Answer(\"b-grad\", new[] { 1.0, 2.0 }); Answer(\"d-width\", 3);" + WrongGrad, 1, "c-impl", "public example 1")]
    [TestCase("Answer(\"a-loss\", 1.0); Answer(\"b-grad\", new[] { 1.0, 2.0 }); Answer(\"d-width\", 3);" + Grad, 0, "c-impl", "1 of 1 public example(s) pass")]
    [TestCase("Answer(\"a-loss\", 1.0); Answer(\"a-loss\", 2.0); Answer(\"b-grad\", new[] { 1.0, 2.0 }); Answer(\"d-width\", 3);" + Grad, 0, "d-width", "warning: part a-loss was answered 2 times")]
    [TestCase("static void Answer(string p, object v) { }\nAnswer(\"a-loss\", 1.0);", 1, "not ready:", "a method named Answer of the script's own")]
    public void PublicCheck_SaysWhatToFix(string source, int exit, string part, string feedback)
    {
        var kit = Path.Combine(_kits["examples"], "student");
        var file = Path.Combine(_root, "linear-unit.csx");
        File.WriteAllText(file, "#load \"grader.csx\"\n" + source);
        var r = Check(kit, "linear-unit.public.yaml", file);
        Assert.That(r.ExitCode, Is.EqualTo(exit), r.Stdout + r.Stderr);
        // What the report says from the part's line on: its feedback, then the warnings.
        var after = string.Join("\n", r.Stdout.Split('\n').SkipWhile(l => !l.Contains($" {part} ", StringComparison.Ordinal)).Skip(1));
        Assert.That(after, Does.Contain(feedback), r.Stdout);
    }

    private const string Grad = """

        double[] GradW(double[,] X, double[] y, double[] w)
        {
            var g = new double[2];
            for (var i = 0; i < X.GetLength(0); i++)
            {
                var r = X[i, 0] * w[0] + X[i, 1] * w[1] - y[i];
                g[0] += 2 * r * X[i, 0];
                g[1] += 2 * r * X[i, 1];
            }
            return g;
        }
        """;

    private const string WrongGrad = """

        double[] GradW(double[,] X, double[] y, double[] w) => new[] { 0.0, 0.0 };
        """;

    /// <summary>
    /// The grader as a .NET tool, installed from a kit into a tool path of its own (an empty NuGet cache, offline: the
    /// kit's nuget.config lists only the kit), runs the public check as the command a student types.
    /// </summary>
    [Test]
    public void SlowEndToEnd_ToolFromTheKit_InstallsOffline_AndRunsThePublicCheck()
    {
        var kit = Path.Combine(_kits["cs577-a2"], "student");
        var tools = Path.Combine(_root, "tools");
        var env = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Path.Combine(_root, "nuget-cache"), ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" };
        var install = CliRunner.RunProgram("dotnet", ["tool", "install", "Grader.Tool", "--tool-path", tools, "--add-source", kit], kit, env);
        Assert.That(install.ExitCode, Is.EqualTo(0), install.Stdout + install.Stderr);
        var grader = Path.Combine(tools, OperatingSystem.IsWindows() ? "grader.exe" : "grader");

        var version = CliRunner.RunProgram(grader, ["--version"], kit, env);
        Assert.That(version.ExitCode, Is.EqualTo(0), version.Stderr);
        Assert.That(version.Stdout.Trim(), Is.Not.Empty);

        foreach (var (student, exit) in new[] { ("all-correct", 0), ("partial", 0), ("compile-error", 1) })
        {
            var r = CliRunner.RunProgram(grader, ["check", "regression-network.public.yaml", Repo.Path("submissions", student, "regression-network.csx")], kit, env);
            Assert.That(r.ExitCode, Is.EqualTo(exit), $"{student}: {r.Stdout}{r.Stderr}");
        }
        var starter = CliRunner.RunProgram(grader, ["check", "regression-network.public.yaml", "regression-network.csx"], kit, env);
        Assert.That(starter.ExitCode, Is.EqualTo(1), starter.Stdout + starter.Stderr);
        Assert.That(starter.Stdout, Does.Contain("not ready yet").And.Contain("ran in"));
    }

    /// <summary>
    /// The kit's own autograder.zip, unzipped where Gradescope puts it (a temporary AUTOGRADER_ROOT, which
    /// run_autograder honours), grades an all-correct upload of every problem with full marks in one results.json.
    /// </summary>
    [Test]
    public void SlowEndToEnd_AutograderZip_AllCorrectUpload_FullMarks()
    {
        var root = Path.Combine(_root, "gradescope");
        ZipFile.ExtractToDirectory(Path.Combine(_kits["cs577-a2"], "autograder", "autograder.zip"), Path.Combine(root, "source"));
        Directory.CreateDirectory(Path.Combine(root, "submission"));
        foreach (var csx in Directory.EnumerateFiles(Repo.Path("submissions", "all-correct"), "*.csx")
            .Where(f => File.Exists(Repo.Path("problems", "cs577-a2", Path.GetFileNameWithoutExtension(f) + ".yaml"))))
        {
            File.Copy(csx, Path.Combine(root, "submission", Path.GetFileName(csx)));
        }
        // Run as Gradescope does: the script itself (its mode from the zip), not through bash.
        var r = CliRunner.RunProgram(Path.Combine(root, "source", "run_autograder"), [], root, new Dictionary<string, string?> { ["AUTOGRADER_ROOT"] = root });
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stdout + r.Stderr);
        using var results = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "results", "results.json")));
        var o = results.RootElement;
        var parts = Directory.EnumerateFiles(Repo.Path("problems", "cs577-a2"), "*.yaml").Sum(f => SpecLoader.LoadFile(f).Problem!.Parts.Count);
        Assert.That(o.GetProperty("tests").GetArrayLength(), Is.EqualTo(parts), r.Stdout);
        Assert.That(o.GetProperty("score").GetDouble(), Is.EqualTo(o.GetProperty("max_score").GetDouble()).And.GreaterThan(0), o.ToString());
    }

    /// <summary>
    /// Per-student numbers on Gradescope: the student is named by submission_metadata.json (their email there), so a
    /// script computed from one student's numbers earns full marks as that student and not as another.
    /// </summary>
    [TestCase("all-correct", true)]
    [TestCase("bob@example.edu", false)]
    public void SlowEndToEnd_AutograderZip_GradesEachStudentAgainstTheirOwnNumbers(string email, bool full)
    {
        var root = Path.Combine(_root, "gradescope-" + email);
        ZipFile.ExtractToDirectory(Path.Combine(_kits["dl-a3"], "autograder", "autograder.zip"), Path.Combine(root, "source"));
        Directory.CreateDirectory(Path.Combine(root, "submission"));
        File.Copy(Repo.Path("submissions", "all-correct", "own-numbers.csx"), Path.Combine(root, "submission", "own-numbers.csx"));
        File.WriteAllText(Path.Combine(root, "submission_metadata.json"), $$"""{ "users": [ { "email": "{{email}}", "name": "A Student" } ] }""");
        var r = CliRunner.RunProgram(Path.Combine(root, "source", "run_autograder"), [], root, new Dictionary<string, string?> { ["AUTOGRADER_ROOT"] = root });
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stdout + r.Stderr);
        using var results = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "results", "results.json")));
        var (score, max) = (results.RootElement.GetProperty("score").GetDouble(), results.RootElement.GetProperty("max_score").GetDouble());
        Assert.That(score == max, Is.EqualTo(full), $"{score} / {max}");
    }

    [Test]
    public void PublicFile_Broken_IsRefusedWithFileLineColumn()
    {
        var file = Path.Combine(_root, "broken.public.yaml");
        File.WriteAllText(file, "public: 1\nid: x\nparts:\n  - id: a\n    kind: guess\n    points: 1\n");
        var r = Check(_root, file, Repo.Path("submissions", "all-correct", "regression-network.csx"));
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("broken.public.yaml:5:").And.Contain("`guess`"));
    }

    /// <summary>
    /// Everything of the answer key found in a kit's files: every reference value of every part and case (as a report
    /// prints it, and at full precision) that is not also a published input or example, every step's text (unless the
    /// author wrote it into the statement), every property condition and hidden case's generator, and any seed.
    /// Numbers of three characters or fewer ("0.5", "12") are too common in any text to mean anything and are left out.
    /// </summary>
    private static List<string> Leaks(string kit, string problemsDir)
    {
        var files = Directory.EnumerateFiles(kit).Where(f => !f.EndsWith(".nupkg", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
        var all = string.Join("\n", files.Values);
        var leaks = new List<string>();
        foreach (var specFile in Directory.EnumerateFiles(problemsDir, "*.yaml"))
        {
            var spec = SpecLoader.LoadFile(specFile).Problem!;
            var published = PublishedNumbers(files, spec.Id);
            // A reference value printed exactly as a published number (0.05000000000000002 as the given 0.05) gives nothing away.
            var publishedText = published.Select(Tensor.FormatNumber).ToHashSet(StringComparer.Ordinal);
            var statement = string.Join("\n", new[] { spec.Title, spec.Description ?? "" }.Concat(spec.Parts.Select(p => p.Prompt ?? "")));
            foreach (var student in Variants.Samples.Prepend(""))
            {
                foreach (var s in ReferenceSolver.Solve(Variants.ForStudent(spec, student)))
                {
                    var values = (s.Expected is { } e ? [e] : new List<Tensor>()).Concat(s.Cases.Select(c => c.Expected));
                    foreach (var x in values.SelectMany(t => t.ToArray()).Distinct())
                    {
                        foreach (var text in new[] { Tensor.FormatNumber(x), x.ToString("R", CultureInfo.InvariantCulture) }.Distinct())
                        {
                            if (text.Length > 3 && !published.Contains(x) && !publishedText.Contains(text) && Regex.IsMatch(all, $@"(?<![\d.]){Regex.Escape(text)}(?![\d])"))
                            {
                                leaks.Add($"{spec.Id}: the answer of {s.Part.Id} ({text})");
                            }
                        }
                    }
                }
            }
            // A step that only renames a value (a linear layer's output is its pre-activation) shows no work.
            foreach (var step in spec.Steps.Where(st => !statement.Contains(st.Expression.Text, StringComparison.Ordinal)
                && !Regex.IsMatch(st.Expression.Text, @"^[A-Za-z_][\w.]*$")))
            {
                if (all.Contains(step.Expression.Text, StringComparison.Ordinal))
                {
                    leaks.Add($"{spec.Id}: step {step.Name} ({step.Expression.Text})");
                }
            }
            foreach (var part in spec.Parts)
            {
                leaks.AddRange(part.Require.Where(c => all.Contains(c.Text, StringComparison.Ordinal)).Select(c => $"{spec.Id}: the condition of {part.Id}"));
                leaks.AddRange(part.Cases.OfType<RandomCases>().Where(r => r.Hidden).SelectMany(r => r.Generators)
                    .Where(g => all.Contains(g.Value.Text, StringComparison.Ordinal)).Select(g => $"{spec.Id}: a hidden case of {part.Id} ({g.Value.Text})"));
            }
        }
        if (Regex.IsMatch(all, @"\bseed\s*:"))
        {
            leaks.Add("a seed");
        }
        return leaks;
    }

    /// <summary>The numbers a kit publishes on purpose: its givens and public examples, read from its public file.</summary>
    private static HashSet<double> PublishedNumbers(Dictionary<string, string> files, string id)
    {
        if (!files.TryGetValue($"{id}.public.yaml", out var text) || PublicSpecLoader.Load($"{id}.public.yaml", text).Spec is not { } spec)
        {
            return [];
        }
        return spec.Givens.Where(g => g.Value is not null).SelectMany(g => g.Value!.ToArray())
            .Concat(spec.Parts.SelectMany(p => p.Examples).SelectMany(e => e.Inputs.SelectMany(kv => kv.Value.ToArray()).Concat(e.Expected.ToArray())))
            .ToHashSet();
    }

    private static void CopyFolder(string from, string to)
    {
        if (Directory.Exists(to))
        {
            Directory.Delete(to, recursive: true);
        }
        Directory.CreateDirectory(to);
        foreach (var f in Directory.EnumerateFiles(from))
        {
            File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        }
    }
}
