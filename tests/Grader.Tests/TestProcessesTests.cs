using System.Diagnostics;

namespace Grader.Tests;

public class TestProcessesTests
{
    /// <summary>
    /// A process that leaves its session and its parent (as the warm check server does) is still found by the run's
    /// mark, with its command line, and ended with its children.
    /// </summary>
    [Test]
    public void ADetachedProcess_IsFoundByTheMark_AndEnded()
    {
        var mark = Guid.NewGuid().ToString("N");
        var start = new ProcessStartInfo("setsid", ["-f", "sh", "-c", "sleep 301 & sleep 302 & wait"]);
        start.Environment[TestProcesses.Variable] = mark;
        using (var launcher = Process.Start(start)!)
        {
            launcher.WaitForExit(5000);
        }
        var clock = Stopwatch.StartNew();
        List<(int Pid, string Command)> found;
        while ((found = TestProcesses.Holding(mark)).Count < 3 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(50);
        }
        Assert.That(found.Select(f => f.Command), Has.Some.EqualTo("sleep 301").And.Some.EqualTo("sleep 302"));

        var ended = TestProcesses.EndLeft(mark);
        Assert.That(ended, Has.Count.EqualTo(found.Count));
        clock.Restart();
        while (TestProcesses.Holding(mark).Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(50);
        }
        Assert.That(TestProcesses.Holding(mark), Is.Empty);
    }

    [Test]
    public void ThisRun_IsMarked_AndItsChildrenInheritTheMark()
    {
        Assert.That(Environment.GetEnvironmentVariable(TestProcesses.Variable), Is.EqualTo(TestProcesses.Mark));
        using var child = Process.Start(new ProcessStartInfo("sh", ["-c", $"echo ${TestProcesses.Variable}"]) { RedirectStandardOutput = true })!;
        Assert.That(child.StandardOutput.ReadToEnd().Trim(), Is.EqualTo(TestProcesses.Mark));
        child.WaitForExit();
    }
}
