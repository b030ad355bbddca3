using System.Text.Json;
using Grader.Grading.Reports;

namespace Grader.Tests.Grading.Reports;

/// <summary>
/// The class report and students' pages through html-validate's recommended preset (no inline style among its rules),
/// run in node: the npm package is installed under the tests' cache folder (<see cref="NpmPackage.Install"/>), node and
/// npm are Debian's (TestMachine installs them when missing).
/// </summary>
public class HtmlValidateTests
{
    public const string Node = "/usr/bin/node", Npm = "/usr/bin/npm";

    /// <summary>The newest release that runs on Debian 12's node 18 (10 and later want node 20).</summary>
    private const string Version = "9.7.1";

    [Test]
    public void ClassReportAndStudentPages_HtmlValidateRecommended_NoError()
    {
        var package = NpmPackage.Install("html-validate", Version, Npm);
        if (!File.Exists(Node))
        {
            Assert.Fail($"{Node} not found: install Debian's nodejs (apt-get install -y nodejs) to run html-validate; the tests install it when run as root (TestMachine)");
        }
        var dir = Path.Combine(Path.GetTempPath(), $"class-report-{Guid.NewGuid():N}");
        ClassOutputs.Write(dir, LargeClassFixture.Students, LargeClassFixture.Problems, LargeClassFixture.Reports(), []);
        try
        {
            string[] pages = ["index.html", "ben-li/index.html", "jin-park/index.html", "quentin-moreau/index.html"];
            var (exit, stdout, stderr) = NpmPackage.Run(Node, [Path.Combine(package, "bin", "html-validate.mjs"), "--preset", "recommended", "--formatter", "json", .. pages.Select(p => Path.Combine(dir, p))],
                TimeSpan.FromMinutes(2));
            Assert.That(stderr, Is.Empty);
            // The JSON formatter lists only the files with a message: none is an empty list.
            var files = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
            var messages = files.SelectMany(f => f.GetProperty("messages").EnumerateArray().Select(m =>
                $"{Path.GetRelativePath(dir, f.GetProperty("filePath").GetString()!)}:{m.GetProperty("line")}: [{m.GetProperty("ruleId").GetString()}] {m.GetProperty("message").GetString()}")).ToList();
            Assert.That(messages, Is.Empty, $"html-validate {Version}");
            Assert.That(exit, Is.Zero, stdout);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void InlineStyle_HtmlValidate_FindsIt()
    {
        // The check can fail: the same run on a page with one style attribute reports it.
        var package = NpmPackage.Install("html-validate", Version, Npm);
        var file = Path.Combine(Path.GetTempPath(), $"inline-style-{Guid.NewGuid():N}.html");
        File.WriteAllText(file, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<title>t</title>\n</head>\n<body>\n<p style=\"color:red\">x</p>\n</body>\n</html>\n");
        try
        {
            var (exit, stdout, _) = NpmPackage.Run(Node, [Path.Combine(package, "bin", "html-validate.mjs"), "--preset", "recommended", "--formatter", "json", file], TimeSpan.FromMinutes(2));
            Assert.That(exit, Is.Not.Zero);
            Assert.That(JsonDocument.Parse(stdout).RootElement[0].GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("ruleId").GetString()), Does.Contain("no-inline-style"));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
