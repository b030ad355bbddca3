namespace Grader.Tests;

public class TestMachineTests
{
    [TestCase(new string[0], new[] { "bubblewrap", "chromium", "nodejs", "npm" })]
    [TestCase(new[] { "/usr/local/bin/bwrap", "/usr/bin/node", "/usr/bin/npm" }, new[] { "chromium" })]
    [TestCase(new[] { "/usr/bin/bwrap", "/usr/bin/chromium", "/usr/bin/node", "/usr/bin/npm" }, new string[0])]
    [TestCase(new[] { "/usr/bin/chromium", "/usr/bin/bwrap.dpkg-new", "/usr/bin/node" }, new[] { "bubblewrap", "npm" })]
    public void Missing_NamesThePackagesOfTheMissingFiles(string[] present, string[] expected) =>
        Assert.That(TestMachine.Missing(present.Contains), Is.EqualTo(expected));
}
