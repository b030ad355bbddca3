using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Grader.Tests.Cli;

/// <summary>The files shipped under src/Grader.Cli/deploy: scripts that bash accepts, YAML that parses, and the names that must agree.</summary>
public class DeployFilesTests
{
    private static string Deploy(params string[] parts) => Repo.Path(["src", "Grader.Cli", "deploy", .. parts]);

    [TestCase("gradescope", "setup.sh")]
    [TestCase("gradescope", "run_autograder")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Script_ParsesInBash_AndIsExecutable(string folder, string file)
    {
        var path = Deploy(folder, file);
        using var p = Process.Start(new ProcessStartInfo("bash", ["-n", path]) { RedirectStandardError = true })!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.That(p.ExitCode, Is.EqualTo(0), err);
        Assert.That(File.GetUnixFileMode(path) & UnixFileMode.UserExecute, Is.EqualTo(UnixFileMode.UserExecute));
    }

    [Test]
    public void RunAutograder_WritesGradescopeResults()
    {
        var text = File.ReadAllText(Deploy("gradescope", "run_autograder"));
        Assert.That(text, Does.Contain("check \"$spec\" \"/autograder/submission/$id.csx\" --format gradescope").And.Contain("> /autograder/results/results.json"));
    }

    [TestCase("github", "classroom.yml")]
    [TestCase("github", "grade-class.yml")]
    [TestCase("kubernetes", "grade-class-job.yaml")]
    public void Yaml_Parses(string folder, string file)
    {
        var yaml = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(Deploy(folder, file)));
        yaml.Load(reader);
        Assert.That(yaml.Documents, Is.Not.Empty);
    }

    [Test]
    public void ClassroomWorkflow_ReporterReadsTheGradersStepOutput()
    {
        var text = File.ReadAllText(Deploy("github", "classroom.yml"));
        // The reporter reads <RUNNER>_RESULTS for each runner id: here `grader`, from the step with id `grader`.
        Assert.That(text, Does.Contain("id: grader").And.Contain("GRADER_RESULTS: \"${{ steps.grader.outputs.result }}\"").And.Contain("runners: grader"));
        Assert.That(text, Does.Contain("--format classroom"));
    }

    [Test]
    public void KubernetesJob_IsIndexed_AndShardsMatchCompletions()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Deploy("kubernetes", "grade-class-job.yaml"))));
        var spec = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["spec"];
        Assert.That(spec["completionMode"].ToString(), Is.EqualTo("Indexed"));
        var n = spec["completions"].ToString();
        Assert.That(File.ReadAllText(Deploy("kubernetes", "grade-class-job.yaml")), Does.Contain($"--shard $((JOB_COMPLETION_INDEX + 1))/{n}"));
    }
}
