using System.Text.RegularExpressions;

namespace Grader.Tests.Docs;

/// <summary>
/// The README is a map: what the grader is, the two commands, a sample, and short sections linking to references kept
/// beside the code. The references describe what is; what was tried and measured belongs in commit messages and the
/// benchmarks' own README (tests/Grader.Benchmarks/README.md), the one document these history checks leave alone.
/// </summary>
public partial class ReadmeMapTests
{
    private const int MaxReadmeLines = 250;

    private static readonly string Readme = File.ReadAllText(Repo.Path("README.md"));

    [GeneratedRegex(@"(?<!!)\[[^\]]*\]\(([^)\s#]*)(#[^)\s]*)?\)")]
    private static partial Regex LinkTarget();

    /// <summary>
    /// Marks of history in a document: tried-and-not-kept notes, a session's changes, an issue's number, a commit's hash
    /// in parentheses or backticks (seven or more hex digits with a letter and a digit among them).
    /// </summary>
    [GeneratedRegex(@"tried and not kept|tried in this session|not kept:|this session|\bissue \d+|\bissue's\b|[(`](?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{7,40}[)`]", RegexOptions.IgnoreCase)]
    private static partial Regex HistoryMark();

    [Test]
    public void Readme_IsShort()
    {
        var lines = Readme.Split('\n').Length;
        Assert.That(lines, Is.LessThanOrEqualTo(MaxReadmeLines),
            $"README.md has {lines} lines: keep it a map, and put reference material beside the code it describes");
    }

    [Test]
    public void Readme_StartsWithTheTwoCommands()
    {
        var start = Readme.IndexOf("## Start here", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThan(0), "README.md has no 'Start here' section");
        var block = Regex.Match(Readme[start..], @"```sh\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        var commands = block.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('#')[0].Trim()).ToList();
        Assert.That(commands, Is.EqualTo(new[] { "dotnet run --project src/Grader.Cli -- grade problems submissions --out out", "dotnet test" }));
    }

    [Test]
    public void CiRuns_TheReadmesTestCommand()
    {
        var ci = File.ReadAllLines(Repo.Path(".ci", "run"));
        Assert.That(ci.Count(l => Regex.IsMatch(l, @"^\s*dotnet test\b")), Is.EqualTo(1), ".ci/run must run the README's `dotnet test` once");
    }

    [Test]
    public void EveryProject_IsLinkedFromTheReadmesMap()
    {
        var targets = LinkTarget().Matches(Readme).Select(m => m.Groups[1].Value.TrimEnd('/')).Where(t => t.Length > 0).ToList();
        var projects = Directory.EnumerateFiles(Repo.Path("src"), "*.csproj", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Repo.Path("tests"), "*.csproj", SearchOption.AllDirectories))
            .Select(p => Path.GetRelativePath(Repo.Root, Path.GetDirectoryName(p)!).Replace('\\', '/'))
            .Where(p => !Regex.IsMatch(p, @"(^|/)(bin|obj)(/|$)"))
            .Order(StringComparer.Ordinal).ToList();
        Assert.That(projects, Has.Count.GreaterThanOrEqualTo(8), "expected the grader's projects under src/ and tests/");
        var unlinked = projects.Where(p => !targets.Any(t => t == p || t.StartsWith(p + "/", StringComparison.Ordinal))).ToList();
        Assert.That(unlinked, Is.Empty, "project folders the README's map does not link: " + string.Join(", ", unlinked));
    }

    [Test]
    public void EveryDocument_IsReachedFromTheReadme()
    {
        var documents = DocLinksTests.Documents().Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        var reached = new HashSet<string>(StringComparer.Ordinal) { Repo.Path("README.md") };
        var queue = new Queue<string>(reached);
        while (queue.TryDequeue(out var doc))
        {
            foreach (Match m in LinkTarget().Matches(File.ReadAllText(doc)))
            {
                var target = m.Groups[1].Value;
                if (target.Length == 0 || target.Contains("://", StringComparison.Ordinal))
                {
                    continue;
                }
                var file = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(doc)!, target));
                if (documents.Contains(file) && reached.Add(file))
                {
                    queue.Enqueue(file);
                }
            }
        }
        var unreached = documents.Except(reached).Select(d => Path.GetRelativePath(Repo.Root, d)).Order(StringComparer.Ordinal).ToList();
        Assert.That(unreached, Is.Empty, "documents no link from README.md leads to: " + string.Join(", ", unreached));
    }

    [Test]
    public void NoDocument_HoldsHistory_ButTheBenchmarks()
    {
        var found = DocLinksTests.Documents()
            .Where(d => !Path.GetRelativePath(Repo.Root, d).Replace('\\', '/').StartsWith("tests/Grader.Benchmarks/", StringComparison.Ordinal))
            .SelectMany(d => File.ReadLines(d).Select((l, n) => (d, l, n)))
            .Where(x => HistoryMark().IsMatch(x.l))
            .Select(x => $"{Path.GetRelativePath(Repo.Root, x.d)}:{x.n + 1}: {HistoryMark().Match(x.l).Value}").ToList();
        Assert.That(found, Is.Empty, "history belongs in commit messages and tests/Grader.Benchmarks/README.md:\n" + string.Join("\n", found));
    }

    [TestCase("Tried in this session and not kept, each measured alternating:")]
    [TestCase("| before this session's changes (`5a520b0`) | 44.8 s |")]
    [TestCase("What issue 11 found and changed since")]
    [TestCase("Against the issue's targets: met")]
    [TestCase("Tried and not kept:")]
    public void HistoryMark_FindsHistory(string line) => Assert.That(HistoryMark().IsMatch(line), Is.True);

    [TestCase("| `sum-for-mean` | a sum was used where the loss takes a mean |")]
    [TestCase("a Unicode minus (U+2212), and `0x2000000` (32 MiB)")]
    [TestCase("1,200,000,000 operations (1200000000) in 7.4 to 8.3 s")]
    [TestCase("SHA-256 of `grader-variant\\n<problem id>\\n<student>`")]
    public void HistoryMark_LeavesWhatIs(string line) => Assert.That(HistoryMark().IsMatch(line), Is.False);
}
