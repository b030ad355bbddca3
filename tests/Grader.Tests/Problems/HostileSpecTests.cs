using System.Diagnostics;
using Grader.Problems.Yaml;
using Grader.Tests.Cli;

namespace Grader.Tests.Problems;

/// <summary>
/// Specs too large to keep as files, each of which once crashed the grader (stack overflow, exit 134), hung it or
/// ran it out of memory: each must now be refused with a clean error at its place, quickly.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public class HostileSpecTests
{
    private static string Spec(string name, string body) => $"id: {name}\ngiven:\n  x: 1\n{body}";

    private static string Part(string answer) => $"parts:\n  - id: p\n    answer: {answer}\n";

    /// <summary>(name, spec text, an error it must report, the line of that error).</summary>
    public static IEnumerable<TestCaseData> Cases()
    {
        static TestCaseData Case(string name, string text, string error, int line) =>
            new TestCaseData(name, text, error, line).SetName($"Load_Hostile_{name}");
        const string deep = "the expression nests more than 200 levels deep";
        yield return Case("brackets-10000", Spec("brackets-10000", Part("\"" + new string('[', 10_000) + "x" + new string(']', 10_000) + "\"")), deep, 6);
        yield return Case("brackets-10000-yaml-flow", Spec("brackets-10000-yaml-flow", Part(new string('[', 10_000) + "x" + new string(']', 10_000))),
            "YAML collections nest more than 64 levels deep here", 6);
        yield return Case("parens-10000", Spec("parens-10000", Part(new string('(', 10_000) + "x" + new string(')', 10_000))), deep, 6);
        yield return Case("plus-chain-30000", Spec("plus-chain-30000", Part(string.Join("+", Enumerable.Repeat("x", 30_000)))), deep, 6);
        yield return Case("power-chain-50000", Spec("power-chain-50000", Part("x" + string.Concat(Enumerable.Repeat("^1", 50_000)))), deep, 6);
        yield return Case("unary-minus-100000", Spec("unary-minus-100000", Part(new string('-', 100_000) + "x")), deep, 6);
        yield return Case("index-chain-20000", Spec("index-chain-20000", Part("x" + string.Concat(Enumerable.Repeat("[0]", 20_000)))), deep, 6);
        yield return Case("yaml-block-400", "id: yaml-block-400\ngiven:\n  x:\n" + string.Concat(Enumerable.Range(0, 400).Select(i => new string(' ', i + 4) + "-\n"))
            + Part("1"), "YAML collections nest more than 64 levels deep here", 66);
        yield return Case("jacobian-of-50000-literal", Spec("jacobian-of-50000-literal", Part("jacobian([" + string.Join(", ", Enumerable.Repeat("x", 50_000)) + "], x)")),
            "element operations in one case (limits.case_work)", 6);
        yield return Case("brackets-200000-yaml-flow", Spec("brackets-200000-yaml-flow", Part(new string('[', 200_000) + "x" + new string(']', 200_000))),
            "YAML collections nest more than 64 levels deep here", 6);
        yield return Case("functions-chain-20000", "id: functions-chain-20000\ngiven:\n  x: 1\nfunctions:\n  f0(x): x\n"
            + string.Concat(Enumerable.Range(1, 19_999).Select(i => $"  f{i}(x): f{i - 1}(x)\n")) + Part("f19999(x)"), "nest more than 64 deep", 19_940);
        yield return Case("functions-cycle-20000", "id: functions-cycle-20000\ngiven:\n  x: 1\nfunctions:\n  f0(x): f19999(x)\n"
            + string.Concat(Enumerable.Range(1, 19_999).Select(i => $"  f{i}(x): f{i - 1}(x)\n")) + Part("f19999(x)"), "cycle: f0 -> f19999 -> ... (20000 functions in all) -> f0", 5);
        yield return Case("steps-backwards-20000", "id: steps-backwards-20000\ngiven:\n  x: 1\ncompute:\n"
            + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"  s{i}: s{i + 1} + 1\n")) + "  s20000: x\n" + Part("s0"), "`s1` is used before it is defined", 5);
        yield return Case("draws-17-million", "id: draws-17-million\ngiven:\n  x: 1\n" + Draws(17) + Part("x"),
            "with `g17`, the values drawn per student hold 17,000,000 numbers; at most 16,000,000 in all", 20);
        var longName = new string('a', 30_000);
        yield return Case("long-names", $"id: long-names\ngiven:\n  ? {longName}\n  : 1\n" + Part(new string('a', 29_999) + "b"), "unknown name `aaaa", 7);
    }

    /// <summary>Givens drawn per student, g1 to g<paramref name="count"/>, each of a million numbers (the largest one draw).</summary>
    private static string Draws(int count) =>
        string.Concat(Enumerable.Range(1, count).Select(i => $"  g{i}: {{ normal: [0, 1], shape: [1000, 1000] }}\n"));

    /// <summary>
    /// A student's edited public file drawing ten thousand values of a million numbers (every check draws them all):
    /// once 26 s of drawing per hundred and gigabytes held, now refused at the draw past the bound.
    /// </summary>
    [Test]
    public void LoadPublic_DrawsPastTheBound_RefusedAtTheirLine()
    {
        var text = "public: 1\nid: p\ngiven:\n" + Draws(10_000) + "parts:\n  - id: q\n    kind: value\n    points: 1\n";
        var clock = Stopwatch.StartNew();
        var (spec, errors) = PublicSpecLoader.Load("p.public.yaml", text);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "refused without drawing");
        Assert.That(spec, Is.Null);
        Assert.That(errors, Has.Count.EqualTo(1), string.Join("\n", errors.Select(e => e.Message)));
        Assert.That(errors[0].Message, Does.Contain("with `g17`, the values drawn per student hold 17,000,000 numbers; at most 16,000,000 in all"));
        Assert.That((errors[0].Location.File, errors[0].Location.Line, errors[0].Location.Column), Is.EqualTo(("p.public.yaml", 20, 3)));
    }

    [TestCaseSource(nameof(Cases))]
    public void Load(string name, string text, string error, int line)
    {
        var clock = Stopwatch.StartNew();
        var result = SpecLoader.Load(name + ".yaml", text);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "refused quickly, even on a loaded machine");
        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Errors.Select(e => e.Message), Has.Some.Contain(error));
        var first = result.Errors.First(e => e.Message.Contains(error, StringComparison.Ordinal));
        Assert.That(first.Location.Line, Is.EqualTo(line));
        Assert.That(first.Hint, Is.Not.Null.And.Not.Empty);
    }

    [Test]
    public void Validate_EveryHostileSpecInOneFolder_Exits2_AndReportsEach()
    {
        // A stack overflow would end the whole process (exit 134) and take every other spec with it.
        var dir = Path.Combine(Path.GetTempPath(), $"hostile-specs-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var cases = Cases().Select(c => ((string)c.Arguments[0]!, (string)c.Arguments[1]!)).ToList();
            foreach (var (name, text) in cases)
            {
                File.WriteAllText(Path.Combine(dir, name + ".yaml"), text);
            }
            var r = CliRunner.Run("validate", dir);
            Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr[..Math.Min(2000, r.Stderr.Length)]);
            Assert.That(r.Stdout, Does.EndWith($"0 valid, {cases.Count} invalid\n"));
            Assert.That(r.Stderr, Does.Not.Contain("Unhandled exception"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
