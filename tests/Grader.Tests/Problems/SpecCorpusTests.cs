using Grader.Problems.Yaml;

namespace Grader.Tests.Problems;

/// <summary>
/// What was valid stays valid: every version of every spec that ever shipped under problems/ (in any commit of any
/// branch, collected by Fixtures/spec-corpus/collect.sh as &lt;first commit&gt;/&lt;assignment&gt;/&lt;id&gt;.yaml) still
/// validates, so that no new built-in, keyword or check breaks a course's spec again. With
/// <see cref="BuiltinNamesTests"/>, which names givens, steps and functions after every built-in there is.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public class SpecCorpusTests
{
    private const string Folder = "tests/Grader.Tests/Fixtures/spec-corpus";

    private static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(Repo.Path(Folder), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    public static IEnumerable<TestCaseData> Corpus() => Files()
        .Select(f => Path.GetRelativePath(Repo.Path(Folder), f).Replace('\\', '/'))
        .Select(rel => new TestCaseData(rel).SetName($"Validate_Shipped_{rel.Replace('/', '_')}"));

    [TestCaseSource(nameof(Corpus))]
    public void Validate(string file)
    {
        var loaded = SpecLoader.LoadFile(Repo.Path(Folder, file));
        Assert.That(loaded.Errors.Select(e => e.ToString()), Is.Empty);
    }

    [Test]
    public void TheCorpus_HoldsEveryVersionCollected_AndEverySpecUnderProblemsAsItIsNow()
    {
        Assert.That(Files().Count(), Is.GreaterThanOrEqualTo(16), "the 16 versions there were when the corpus was made");
        var kept = Files().Select(File.ReadAllText).ToHashSet(StringComparer.Ordinal);
        var missing = Directory.EnumerateFiles(Repo.Path("problems"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Where(f => !kept.Contains(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(Repo.Root, f)).ToList();
        Assert.That(missing, Is.Empty,
            $"a shipped spec whose text is not in the corpus: commit it, then run {Folder}/collect.sh, which copies every committed version (so none is lost when it changes)");
    }
}
