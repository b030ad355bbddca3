using System.Text.RegularExpressions;

namespace Grader.Tests.Docs;

/// <summary>
/// Every Markdown link of the repository's documents resolves: a file or folder that exists inside the repository, and an
/// anchor that is a heading of the document it names (GitHub's slugs). Nothing points outside the repository.
/// </summary>
public partial class DocLinksTests
{
    [GeneratedRegex(@"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^#{1,6}\s+(.*)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    /// <summary>
    /// The repository's Markdown documents: its files but those it ignores (.gitignore: build output, and what the
    /// README's own commands write, such as out/), the approved test outputs and installed packages.
    /// </summary>
    internal static IEnumerable<string> Documents() =>
        Directory.EnumerateFiles(Repo.Root, "*.md", SearchOption.AllDirectories)
            .Where(f => !Regex.IsMatch(Path.GetRelativePath(Repo.Root, f), @"(^|/)(bin|obj|\.git|Approved|node_modules)/|^(out|TestResults|artifacts|\.ci/artifacts|BenchmarkDotNet\.Artifacts)/"));

    [Test]
    public void EveryLink_Resolves_InsideTheRepository()
    {
        var broken = new List<string>();
        foreach (var doc in Documents())
        {
            var text = File.ReadAllText(doc);
            foreach (Match m in Link().Matches(text))
            {
                var target = m.Groups[1].Value;
                if (target.StartsWith("http://", StringComparison.Ordinal) || target.StartsWith("https://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }
                var (path, anchor) = target.IndexOf('#') is var i and >= 0 ? (target[..i], target[(i + 1)..]) : (target, "");
                var file = path.Length == 0 ? doc : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(doc)!, path));
                var where = $"{Path.GetRelativePath(Repo.Root, doc)}: ({target})";
                if (!file.StartsWith(Repo.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && file != Repo.Root)
                {
                    broken.Add($"{where} points outside the repository");
                }
                else if (!File.Exists(file) && !Directory.Exists(file))
                {
                    broken.Add($"{where}: no such file");
                }
                else if (anchor.Length > 0 && File.Exists(file) && !Anchors(File.ReadAllText(file)).Contains(anchor))
                {
                    broken.Add($"{where}: no heading #{anchor}");
                }
            }
        }
        Assert.That(broken, Is.Empty, string.Join("\n", broken));
    }

    [Test]
    public void NoDocument_NamesAPathOutsideTheRepository()
    {
        var outside = Documents().SelectMany(d => File.ReadLines(d).Select((l, n) => (d, l, n)))
            .Where(x => x.l.Contains("../shared", StringComparison.Ordinal))
            .Select(x => $"{Path.GetRelativePath(Repo.Root, x.d)}:{x.n + 1}: {x.l.Trim()}").ToList();
        Assert.That(outside, Is.Empty, string.Join("\n", outside));
    }

    [Test]
    public void Anchors_AreGitHubsSlugs()
    {
        var anchors = Anchors("# A repeated `check`: the warm check server\n## Tests\n## Tests\n### Beyond FORMAT.md\n");
        Assert.That(anchors, Is.EquivalentTo(new[] { "a-repeated-check-the-warm-check-server", "tests", "tests-1", "beyond-formatmd" }));
    }

    /// <summary>GitHub's heading anchors: lower case, punctuation dropped, spaces as '-', a repeated one suffixed -1, -2...</summary>
    private static HashSet<string> Anchors(string markdown)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new HashSet<string>(StringComparer.Ordinal);
        var inFence = false;
        foreach (var line in markdown.Split('\n'))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }
            if (inFence || Heading().Match(line) is not { Success: true } h)
            {
                continue;
            }
            var slug = new string(h.Groups[1].Value.Trim().ToLowerInvariant()
                .Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_').ToArray()).Replace(' ', '-');
            var n = seen.GetValueOrDefault(slug);
            seen[slug] = n + 1;
            result.Add(n == 0 ? slug : $"{slug}-{n}");
        }
        return result;
    }
}
