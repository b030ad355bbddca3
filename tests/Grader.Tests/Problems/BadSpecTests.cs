using Grader.Problems.Yaml;
using Grader.Tests.Cli;

namespace Grader.Tests.Problems;

/// <summary>
/// The corpus under BadSpecs/: every file is refused with exactly the errors its header lists, each at its
/// line:column and with a hint, by the loader and by `grader validate`.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public class BadSpecTests
{
    private const string Folder = "tests/Grader.Tests/Problems/BadSpecs";

    public sealed record Expectation(string Name, IReadOnlyList<string> Errors, IReadOnlyList<string> Hints);

    public static IEnumerable<TestCaseData> Corpus() =>
        Directory.EnumerateFiles(Repo.Path(Folder), "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(Path.GetFileNameWithoutExtension(f)).SetName($"Load_BadSpec_{Path.GetFileNameWithoutExtension(f)}"));

    private static Expectation Read(string name)
    {
        var header = File.ReadLines(Repo.Path(Folder, name + ".yaml")).TakeWhile(l => l.StartsWith('#')).ToList();
        return new Expectation(name,
            header.Where(l => l.StartsWith("# expect: ", StringComparison.Ordinal)).Select(l => l["# expect: ".Length..]).ToList(),
            header.Where(l => l.StartsWith("# hint: ", StringComparison.Ordinal)).Select(l => l["# hint: ".Length..]).ToList());
    }

    [Test]
    public void Corpus_HasOneFilePerKind_EachWithExpectedErrors()
    {
        var names = Corpus().Select(c => (string)c.Arguments[0]!).ToList();
        Assert.That(names, Has.Count.GreaterThanOrEqualTo(30));
        Assert.That(names.Select(Read).Where(e => e.Errors.Count == 0).Select(e => e.Name), Is.Empty, "every file lists its errors");
    }

    [TestCaseSource(nameof(Corpus))]
    public void Load(string name)
    {
        var expected = Read(name);
        var file = Path.Combine(Folder, name + ".yaml");
        var started = DateTime.UtcNow;
        var result = SpecLoader.LoadFile(Repo.Path(file));
        Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(30)), "refused quickly, even on a loaded machine");
        Assert.That(result.IsValid, Is.False);
        var errors = result.Errors.Select(e => e.ToString().Replace(Repo.Root + "/", "", StringComparison.Ordinal)).ToList();
        Assert.That(errors.Select(e => e.Split('\n')[0]), Is.EqualTo(expected.Errors.Select(e => $"{file}:{e}")), "exactly the expected errors, no cascade");
        Assert.That(result.Errors.Where(e => string.IsNullOrWhiteSpace(e.Hint)), Is.Empty, "every error has a hint");
        foreach (var hint in expected.Hints)
        {
            Assert.That(result.Errors.Select(e => e.Hint), Has.Some.Contain(hint));
        }
    }

    [Test]
    public void Validate_TheWholeCorpus_Exits2_WithEveryExpectedError()
    {
        var r = CliRunner.Run("validate", Folder);
        var names = Corpus().Select(c => (string)c.Arguments[0]!).ToList();
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr);
        Assert.That(r.Stdout, Does.EndWith($"0 valid, {names.Count} invalid\n"));
        foreach (var e in names.Select(Read))
        {
            foreach (var line in e.Errors)
            {
                Assert.That(r.Stderr, Does.Contain($"{Folder}/{e.Name}.yaml:{line}\n"), e.Name);
            }
        }
    }
}
