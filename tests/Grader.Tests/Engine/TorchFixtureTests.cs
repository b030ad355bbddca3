using System.Text.Json;
using Grader.Problems.Solving;
using Grader.Problems.Yaml;

namespace Grader.Tests.Engine;

/// <summary>
/// Every op and every network loss against PyTorch float64: forward values and gradients, computed outside the
/// project by Fixtures/torch/make_fixtures.py and committed as fixtures.json. Finite differences only show that
/// backward agrees with forward; these show that both agree with PyTorch, ties and kinks included.
/// </summary>
public class TorchFixtureTests
{
    public sealed record Fixture(string Name, string Spec, IReadOnlyDictionary<string, double[]> Answers)
    {
        public override string ToString() => Name;
    }

    public static IEnumerable<Fixture> Fixtures()
    {
        var path = Path.Combine(Repo.Root, "tests", "Grader.Tests", "Fixtures", "torch", "fixtures.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var f in doc.RootElement.GetProperty("fixtures").EnumerateArray())
        {
            var answers = f.GetProperty("answers").EnumerateObject().ToDictionary(a => a.Name, a => Flatten(a.Value).ToArray());
            yield return new Fixture(f.GetProperty("name").GetString()!, f.GetProperty("spec").GetString()!, answers);
        }
    }

    private static IEnumerable<double> Flatten(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().SelectMany(Flatten) : [e.GetDouble()];

    [TestCaseSource(nameof(Fixtures))]
    public void Engine_AgreesWithPyTorch(Fixture f)
    {
        var result = SpecLoader.Load("fixture.yaml", f.Spec);
        Assert.That(result.Errors.Select(e => e.ToString()), Is.Empty, f.Spec);
        var solved = ReferenceSolver.Solve(result.Problem!).ToDictionary(s => s.Part.Id, s => s.Shown!.ToArray());
        Assert.That(solved.Keys, Is.EquivalentTo(f.Answers.Keys));
        foreach (var (part, expected) in f.Answers)
        {
            var got = solved[part];
            Assert.That(got, Has.Length.EqualTo(expected.Length), $"{f.Name}, {part}: number of values");
            for (var i = 0; i < got.Length; i++)
            {
                var allowed = 1e-12 + 1e-11 * Math.Abs(expected[i]);
                Assert.That(Math.Abs(got[i] - expected[i]), Is.LessThanOrEqualTo(allowed),
                    $"{f.Name}, {part}[{i}]: engine {got[i]:R}, PyTorch {expected[i]:R}\n{f.Spec}");
            }
        }
    }

    public static IEnumerable<TestCaseData> ShippedSpecs()
    {
        var path = Path.Combine(Repo.Root, "tests", "Grader.Tests", "Fixtures", "torch", "shipped.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var spec in doc.RootElement.GetProperty("specs").EnumerateObject())
        {
            var answers = spec.Value.EnumerateObject().ToDictionary(a => a.Name, a => Flatten(a.Value).ToArray());
            yield return new TestCaseData(spec.Name, answers).SetName($"ShippedSpec_AgreesWithPyTorch({spec.Name})");
        }
    }

    [TestCaseSource(nameof(ShippedSpecs))]
    public void ShippedSpec_AgreesWithPyTorch(string spec, Dictionary<string, double[]> answers)
    {
        var result = SpecLoader.LoadFile(Repo.Path(spec.Split('/')));
        Assert.That(result.Errors.Select(e => e.ToString()), Is.Empty);
        var solved = ReferenceSolver.Solve(result.Problem!).ToDictionary(s => s.Part.Id, s => s.Shown!.ToArray());
        Assert.That(answers.Keys, Is.EquivalentTo(solved.Keys), "every part is checked");
        foreach (var (part, expected) in answers)
        {
            Assert.That(solved[part], Is.EqualTo(expected).Within(1e-12), $"{spec}, {part}");
        }
    }
}
