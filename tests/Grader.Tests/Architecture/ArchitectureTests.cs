

namespace Grader.Tests.Architecture;

/// <summary>
/// The trust boundary, checked on the built assemblies: the trusted side (engine, specs, grading, CLI, protocol)
/// references nothing that parses, compiles or runs a submission. Only src/Sandbox does (see its README).
/// </summary>
public class ArchitectureTests
{
    private static readonly string[] Trusted = ["Grader.Engine", "Grader.Problems", "Grader.Grading", "grader", "Grader.Protocol"];

    private static readonly string[] Untrusted = ["Grader.Scripting", "Grader.Runtime", "Grader.Runner", "Microsoft.CodeAnalysis", "Microsoft.CodeAnalysis.CSharp"];

    public static IEnumerable<string> TrustedAssemblies() => Trusted;

    [TestCaseSource(nameof(TrustedAssemblies))]
    public void TrustedAssembly_ReferencesNothingOfTheSandbox(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, name + ".dll");
        Assert.That(File.Exists(path), Is.True, path);
        var references = ReferencedNames(path);
        Assert.That(references, Is.Not.Empty, "the check reads the assembly's references");
        Assert.That(references.Intersect(Untrusted), Is.Empty, $"{name} references a sandbox assembly or Roslyn");
    }

    /// <summary>
    /// The compiler's side of the boundary: what a trusted project may compile against is what restore gave it
    /// (obj/project.assets.json). No sandbox project and no Roslyn package is among its libraries, even transitively,
    /// so a trusted file naming them does not build. A project that starts the worker builds it through a
    /// ProjectReference with ReferenceOutputAssembly="false", which gives it nothing to compile against.
    /// </summary>
    [TestCase("Grader.Engine")]
    [TestCase("Grader.Problems")]
    [TestCase("Grader.Protocol")]
    [TestCase("Grader.Grading")]
    [TestCase("Grader.Cli")]
    public void TrustedProject_CannotCompileAgainstTheSandboxOrRoslyn(string project)
    {
        var assets = Repo.Path("src", project, "obj", "project.assets.json");
        Assert.That(File.Exists(assets), Is.True, $"{assets}: restore writes it");
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(assets));
        var libraries = json.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name.Split('/')[0]).ToList();
        Assert.That(json.RootElement.GetProperty("project").GetProperty("restore").GetProperty("projectPath").GetString(), Does.EndWith(project + ".csproj"));
        Assert.That(libraries.Where(l => Untrusted.Contains(l) || l.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)), Is.Empty,
            $"{project} can compile against the sandbox or Roslyn");
        var csproj = System.Xml.Linq.XDocument.Load(Repo.Path("src", project, project + ".csproj"));
        foreach (var reference in csproj.Descendants("ProjectReference").Where(r => ((string?)r.Attribute("Include"))?.Contains("Sandbox", StringComparison.Ordinal) == true))
        {
            Assert.That((string?)reference.Attribute("ReferenceOutputAssembly"), Is.EqualTo("false"), $"{project}: {reference}");
        }
    }

    /// <summary>The grader's build holds the worker as folders of its own, and no copy of Roslyn or the sandbox beside it.</summary>
    [Test]
    public void GraderBuild_HoldsTheWorkerInItsOwnFolders()
    {
        var build = AppContext.BaseDirectory;
        Assert.That(File.Exists(Path.Combine(build, "plain-worker", "Grader.Runner.dll")), Is.True, "the plain worker is copied");
        Assert.That(File.Exists(Path.Combine(build, "plain-worker", "Microsoft.CodeAnalysis.CSharp.dll")), Is.True, "with its Roslyn");
        using var deps = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(build, "grader.deps.json")));
        var libraries = deps.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name.Split('/')[0]).ToList();
        Assert.That(libraries, Does.Contain("Grader.Grading"));
        Assert.That(libraries.Where(l => Untrusted.Contains(l) || l.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)), Is.Empty,
            "the grader's dependencies name the sandbox or Roslyn");
    }

    /// <summary>
    /// Errors as data: a kind travels from where an error is raised to where it is worded (SpecErrorKind,
    /// CallFailure, RunResult.Fault), and no code reads an error's English to learn what it was.
    /// </summary>
    [Test]
    public void NoCode_ReadsAnErrorsEnglishBack()
    {
        var parsing = new System.Text.RegularExpressions.Regex(@"(Message|Error)\??\.(Contains|StartsWith|EndsWith|IndexOf|Split)\(|Split\('\|'\)");
        var found = Directory.EnumerateFiles(Repo.Path("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => parsing.IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(Repo.Root, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.That(found, Is.Empty);
    }

    [Test]
    public void SandboxProjects_LiveUnderSrcSandbox_AndNothingElseThere()
    {
        var sandbox = Directory.EnumerateFiles(Repo.Path("src", "Sandbox"), "*.csproj", SearchOption.AllDirectories).Select(Path.GetFileNameWithoutExtension).Order();
        Assert.That(sandbox, Is.EqualTo(new[] { "Grader.Runner", "Grader.Runtime", "Grader.Scripting" }));
        var elsewhere = Directory.EnumerateFiles(Repo.Path("src"), "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}Sandbox{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        foreach (var project in elsewhere)
        {
            Assert.That(File.ReadAllText(project), Does.Not.Contain("Microsoft.CodeAnalysis"), $"{project} must not compile submissions");
        }
    }

    private static List<string> ReferencedNames(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var md = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        return md.AssemblyReferences.Select(h => md.GetString(md.GetAssemblyReference(h).Name)).ToList();
    }
}
