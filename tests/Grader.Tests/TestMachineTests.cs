namespace Grader.Tests;

public class TestMachineTests
{
    [TestCase(new string[0], new[] { "bubblewrap", "chromium" })]
    [TestCase(new[] { "/usr/local/bin/bwrap" }, new[] { "chromium" })]
    [TestCase(new[] { "/usr/bin/bwrap", "/usr/bin/chromium" }, new string[0])]
    [TestCase(new[] { "/usr/bin/chromium", "/usr/bin/bwrap.dpkg-new" }, new[] { "bubblewrap" })]
    public void Missing_NamesThePackagesOfTheMissingFiles(string[] present, string[] expected) =>
        Assert.That(TestMachine.Missing(present.Contains), Is.EqualTo(expected));
}
