

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
