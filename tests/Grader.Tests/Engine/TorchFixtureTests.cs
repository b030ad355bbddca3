using System.Text.Json;
using Grader.Problems.Feedback;
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
    public static IEnumerable<TorchFixture> Fixtures() => TorchFixtures.Load("fixtures.json");

    [TestCaseSource(nameof(Fixtures))]
    public void Engine_AgreesWithPyTorch(TorchFixture f) => TorchFixtures.AssertAgrees(f, rel: 1e-11, abs: 1e-12, shapes: false);

    public static IEnumerable<TestCaseData> ShippedSpecs()
    {
        // shipped.json: make_fixtures.py (dl-a2); shipped-course.json: make_shipped_course.py (dl-a4).
        foreach (var file in new[] { "shipped.json", "shipped-course.json" })
        {
            var path = Path.Combine(Repo.Root, "tests", "Grader.Tests", "Fixtures", "torch", file);
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            foreach (var spec in doc.RootElement.GetProperty("specs").EnumerateObject())
            {
                var answers = spec.Value.EnumerateObject().ToDictionary(a => a.Name, a => TorchFixtures.Flatten(a.Value).ToArray());
                yield return new TestCaseData(spec.Name, answers).SetName($"ShippedSpec_AgreesWithPyTorch({spec.Name})");
            }
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
