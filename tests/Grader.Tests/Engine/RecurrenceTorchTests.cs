using System.Text.Json;
using Grader.Problems.Solving;
using Grader.Problems.Yaml;

namespace Grader.Tests.Engine;

/// <summary>
/// Recurrences against PyTorch float64 (Fixtures/torch/make_recurrence_fixtures.py wrote recurrences.json): an RNN
/// with back-propagation through time, torch.optim's SGD with momentum and Adam, gradient descent differentiated
/// through every step, CTC's alpha recursion against F.ctc_loss, and the shipped specs of problems/dl-a4. Each value
/// agrees to 1e-10 relative.
/// </summary>
public class RecurrenceTorchTests
{
    private static readonly string Path = System.IO.Path.Combine(Repo.Root, "tests", "Grader.Tests", "Fixtures", "torch", "recurrences.json");

    public static IEnumerable<TestCaseData> Fixtures()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path));
        foreach (var f in doc.RootElement.GetProperty("fixtures").EnumerateArray())
        {
            var name = f.GetProperty("name").GetString()!;
            yield return new TestCaseData(name, f.GetProperty("spec").GetString()!, Answers(f.GetProperty("answers"))).SetName($"Engine_AgreesWithPyTorch({name})");
        }
    }

    public static IEnumerable<TestCaseData> Shipped()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path));
        foreach (var s in doc.RootElement.GetProperty("shipped").EnumerateObject())
        {
            yield return new TestCaseData(s.Name, Answers(s.Value)).SetName($"ShippedSpec_AgreesWithPyTorch({s.Name})");
        }
    }

    private static Dictionary<string, double[]> Answers(JsonElement e) => e.EnumerateObject().ToDictionary(a => a.Name, a => Flatten(a.Value).ToArray());

    private static IEnumerable<double> Flatten(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().SelectMany(Flatten) : [e.GetDouble()];

    [TestCaseSource(nameof(Fixtures))]
    public void Engine_AgreesWithPyTorch(string name, string spec, Dictionary<string, double[]> answers)
    {
        var result = SpecLoader.Load(name + ".yaml", spec);
        Assert.That(result.Errors.Select(e => e.ToString()), Is.Empty, spec);
        Compare(name, ReferenceSolver.Solve(result.Problem!).ToDictionary(s => s.Part.Id, s => s.Shown!.ToArray()), answers);
    }

    [TestCaseSource(nameof(Shipped))]
    public void ShippedSpec_AgreesWithPyTorch(string spec, Dictionary<string, double[]> answers)
    {
        var result = SpecLoader.LoadFile(Repo.Path(spec.Split('/')));
        Assert.That(result.Errors.Select(e => e.ToString()), Is.Empty);
        Compare(spec, ReferenceSolver.Solve(result.Problem!).ToDictionary(s => s.Part.Id, s => s.Shown!.ToArray()), answers);
    }

    private static void Compare(string name, Dictionary<string, double[]> solved, Dictionary<string, double[]> answers)
    {
        Assert.That(solved.Keys, Is.EquivalentTo(answers.Keys), "every part is checked");
        foreach (var (part, expected) in answers)
        {
            var got = solved[part];
            Assert.That(got, Has.Length.EqualTo(expected.Length), $"{name}, {part}: number of values");
            for (var i = 0; i < got.Length; i++)
            {
                Assert.That(Math.Abs(got[i] - expected[i]), Is.LessThanOrEqualTo(1e-10 * Math.Abs(expected[i]) + 1e-14),
                    $"{name}, {part}[{i}]: engine {got[i]:R}, PyTorch {expected[i]:R}");
            }
        }
    }
}
