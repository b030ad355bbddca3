using System.Text.Json.Nodes;

namespace Grader.Tests.Cli;

/// <summary>Per-student variants and diagnosis through the real executable: render, check --student, solve --student.</summary>
[Parallelizable(ParallelScope.Children)]
public class VariantCliTests
{
    private const string Spec = "problems/dl-a3/own-numbers.yaml";

    [Test]
    public void Render_PrintsTheStudentsOwnNumbers_AndNoAnswer()
    {
        var alice = CliRunner.Run("render", Spec, "--student", "all-correct");
        Assert.That(alice.ExitCode, Is.EqualTo(0), alice.Stderr);
        Assert.That(alice.Stdout, Does.StartWith("# A sigmoid unit with your own numbers"));
        Assert.That(alice.Stdout, Does.Contain("- `w` = `[-0.87, 0.63, 0.93]` (your own)"), "the numbers in submissions/all-correct/own-numbers.csx");
        Assert.That(alice.Stdout, Does.Contain("Answer(\"d-grad\", value)`, a value shaped [3]"));
        var solved = JsonNode.Parse(CliRunner.Run("solve", Spec, "--student", "all-correct", "--format", "json").Stdout)!;
        var loss = solved["parts"]!.AsArray().Single(p => p!["id"]!.GetValue<string>() == "c-loss")!["answer"]!.GetValue<double>();
        Assert.That(alice.Stdout, Does.Not.Contain(loss.ToString("R", System.Globalization.CultureInfo.InvariantCulture)[..6]), "a handout holds no answer");
        Assert.That(alice.Stdout, Does.Not.Contain("sigmoid(a)\n").And.Not.Contain("(y - p)^2\n"), "nor the steps");
        Assert.That(CliRunner.Run("render", Spec, "--student", "bob").Stdout, Does.Not.Contain("[-0.87, 0.63, 0.93]"));
    }

    [Test]
    public void Check_WithTheStudentsName_GradesTheirVariant()
    {
        var own = CliRunner.Run("check", Spec, "submissions/all-correct/own-numbers.csx", "--student", "all-correct", "--format", "json");
        Assert.That(own.ExitCode, Is.EqualTo(0), own.Stdout + own.Stderr);
        var other = CliRunner.Run("check", Spec, "submissions/all-correct/own-numbers.csx", "--student", "partial");
        Assert.That(other.ExitCode, Is.EqualTo(1), "another student's numbers are not this student's answers");
    }

    [Test]
    public void Check_WithoutAName_OnAVariantSpec_SaysWhatIsMissing()
    {
        var r = CliRunner.Run("check", Spec, "submissions/all-correct/own-numbers.csx");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("gives each student their own numbers").And.Contain("--student <your name>"));
    }

    [TestCase("../alice")]
    [TestCase("")]
    public void Student_NotAFolderName_IsRefused(string name)
    {
        var r = CliRunner.Run("render", Spec, "--student", name);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("is not a student's name"));
    }

    [Test]
    public void Check_Json_CarriesTheMisconceptionAndTheCarriedPart()
    {
        var partial = JsonNode.Parse(CliRunner.Run("check", Spec, "submissions/partial/own-numbers.csx", "--student", "partial", "--format", "json").Stdout)!;
        var grad = partial["parts"]!.AsArray().Single(p => p!["id"]!.GetValue<string>() == "d-grad")!;
        Assert.That(grad["misconception"]!.GetValue<string>(), Is.EqualTo("input-missing"));
        var carried = JsonNode.Parse(CliRunner.Run("check", Spec, "submissions/write-up-mistakes/own-numbers.csx", "--student", "write-up-mistakes", "--format", "json").Stdout)!;
        var loss = carried["parts"]!.AsArray().Single(p => p!["id"]!.GetValue<string>() == "c-loss")!;
        Assert.That((loss["carried_from"]!.GetValue<string>(), loss["score"]!.GetValue<double>(), loss["status"]!.GetValue<string>()), Is.EqualTo(("a-pre", 0.5, "partial")));
    }
}
