using Grader.Problems.Feedback;
using Grader.Problems.Solving;
using Grader.Problems.Yaml;

namespace Grader.Tests.Problems;

/// <summary>Every shipped spec validates, and its solved answers match the approved file beside the tests.</summary>
public class ShippedProblemsTests
{
    public static IEnumerable<string> Specs() =>
        Directory.EnumerateFiles(Repo.Path("problems"), "*.yaml", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Repo.Root, p)).Order(StringComparer.Ordinal);

    [TestCaseSource(nameof(Specs))]
    public void Spec_Validates_AndSolvesToTheApprovedAnswers(string relative)
    {
        var result = SpecLoader.LoadFile(Repo.Path(relative));
        Assert.That(result.Errors.Select(e => e.ToString()), Is.Empty);
        // A spec with per-student givens is approved in the variant of no student (its own tests cover the others).
        var problem = Variants.ForStudent(result.Problem!, "");
        var json = SolutionWriter.Json(problem, ReferenceSolver.Solve(problem));
        Approvals.Verify(Path.Combine("solve", Path.GetFileNameWithoutExtension(relative) + ".json"), json);
    }

    // Values worked out by hand (or in the write-ups, where they are right), independent of the approved files.
    [TestCase("problems/cs577-a2/regression-network.yaml", "b-loss", 281.70005118)]
    [TestCase("problems/cs577-a2/linear-discriminant.yaml", "q1-value", 0.6)]
    [TestCase("problems/dl-a1/relu-network.yaml", "c-output", -3.0)]
    [TestCase("problems/dl-hw1/hinge-subgradient.yaml", "loss", 0.47)]
    public void Spec_KnownScalar(string spec, string part, double expected)
    {
        var problem = SpecLoader.LoadFile(Repo.Path(spec)).Problem!;
        var solved = ReferenceSolver.Solve(problem).Single(s => s.Part.Id == part);
        Assert.That(solved.Shown![0], Is.EqualTo(expected).Within(1e-8));
    }

    [Test]
    public void Jacobians_MatchTheClosedForms()
    {
        var problem = SpecLoader.LoadFile(Repo.Path("problems/cs577-a2/jacobians.yaml")).Problem!;
        var solved = ReferenceSolver.Solve(problem).ToDictionary(s => s.Part.Id, s => s.Shown!.ToArray());
        // grad (2x + 3y)^2 = [4(2x + 3y), 6(2x + 3y)] at (1, 2)
        Assert.That(solved["13a-gradient"], Is.EqualTo(new double[] { 32, 48 }));
        // J_F at (1, 2) = [[2x, 2], [3, 8y]]
        Assert.That(solved["13b-jacobian"], Is.EqualTo(new double[] { 2, 2, 3, 16 }));
        // F(G(x)) = [3x^2, 3x + 4x^4]: derivative [6x, 3 + 16x^3] at x = 2
        Assert.That(solved["13c-chain"], Is.EqualTo(new double[] { 12, 131 }));
        // H(K(x, y)) = [3(x - 5y)xy, xy - x^2 + y]: [[6xy - 15y^2, 3x^2 - 30xy], [y - 2x, x + 1]] at (1, 2)
        Assert.That(solved["10-chain"], Is.EqualTo(new double[] { -48, -57, 0, 2 }));
    }

    [Test]
    public void L2Regularised_PenaltyGradientIsAdded_NotMultiplied()
    {
        var problem = SpecLoader.LoadFile(Repo.Path("problems/dl-hw1/l2-regularised.yaml")).Problem!;
        var s = ReferenceSolver.Solve(problem).ToDictionary(x => x.Part.Id, x => x.Shown!.ToArray());
        double[] w2 = [0.7, -0.6];
        Assert.That(s["dJ-dw2"], Is.EqualTo(s["dL-dw2"].Zip(w2, (g, w) => g + 0.1 * w)).Within(1e-12));
        Assert.That(s["dJ-dz-out"], Is.EqualTo(s["dL-dz-out"]));
    }
}
