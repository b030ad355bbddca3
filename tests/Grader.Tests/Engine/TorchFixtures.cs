using System.Text.Json;
using Grader.Problems.Feedback;
using Grader.Problems.Solving;
using Grader.Problems.Yaml;

namespace Grader.Tests.Engine;

/// <summary>One PyTorch-made fixture: a complete spec, and the answer PyTorch gives for each of its parts.</summary>
public sealed record TorchFixture(string Name, string Spec, IReadOnlyDictionary<string, TorchAnswer> Answers)
{
    public override string ToString() => Name;
}

/// <summary>A part's answer from PyTorch: its shape (the nesting of the JSON lists) and its values, row-major.</summary>
public sealed record TorchAnswer(int[] Shape, double[] Values);

/// <summary>
/// Reads the fixtures the scripts under Fixtures/torch write (fixtures.json, course.json: a list of
/// <c>{ name, spec, answers }</c>) and checks the engine's answers against them.
/// </summary>
public static class TorchFixtures
{
    public static IEnumerable<TorchFixture> Load(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Repo.Path("tests", "Grader.Tests", "Fixtures", "torch", file)));
        foreach (var f in doc.RootElement.GetProperty("fixtures").EnumerateArray())
        {
            var answers = f.GetProperty("answers").EnumerateObject()
                .ToDictionary(a => a.Name, a => new TorchAnswer(ShapeOf(a.Value), Flatten(a.Value).ToArray()));
            yield return new TorchFixture(f.GetProperty("name").GetString()!, f.GetProperty("spec").GetString()!, answers);
        }
    }

    public static IEnumerable<double> Flatten(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().SelectMany(Flatten) : [e.GetDouble()];

    private static int[] ShapeOf(JsonElement e) =>
        e.ValueKind != JsonValueKind.Array ? []
        : e.GetArrayLength() == 0 ? [0]
        : [e.GetArrayLength(), .. ShapeOf(e[0])];

    /// <summary>
    /// Loads the fixture's spec, solves it, and compares every part elementwise:
    /// |engine - PyTorch| &lt;= abs + rel * |PyTorch|; with <paramref name="shapes"/>, the shapes must be equal too.
    /// </summary>
    public static void AssertAgrees(TorchFixture f, double rel, double abs, bool shapes)
    {
        var result = SpecLoader.Load("fixture.yaml", f.Spec);
        Assert.That(result.Errors.Select(e => e.ToString()), Is.Empty, f.Spec);
        var solved = ReferenceSolver.Solve(result.Problem!).ToDictionary(s => s.Part.Id, s => s.Shown!);
        Assert.That(solved.Keys, Is.EquivalentTo(f.Answers.Keys));
        foreach (var (part, expected) in f.Answers)
        {
            if (shapes)
            {
                Assert.That(solved[part].Shape, Is.EqualTo(expected.Shape), $"{f.Name}, {part}: shape\n{f.Spec}");
            }
            var got = solved[part].ToArray();
            Assert.That(got, Has.Length.EqualTo(expected.Values.Length), $"{f.Name}, {part}: number of values");
            for (var i = 0; i < got.Length; i++)
            {
                var allowed = abs + rel * Math.Abs(expected.Values[i]);
                Assert.That(Math.Abs(got[i] - expected.Values[i]), Is.LessThanOrEqualTo(allowed),
                    $"{f.Name}, {part}[{i}]: engine {got[i]:R}, PyTorch {expected.Values[i]:R}\n{f.Spec}");
            }
        }
    }
}
