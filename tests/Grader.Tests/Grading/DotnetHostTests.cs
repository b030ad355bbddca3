using Grader.Grading.Execution;

namespace Grader.Tests.Grading;

/// <summary>Which dotnet host starts the workers: the one of the running .NET, wherever it is installed.</summary>
public class DotnetHostTests
{
    private string _dir = "";

    [SetUp]
    public void MakeFolder() => _dir = Directory.CreateTempSubdirectory("dotnet-host-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_dir, true);

    /// <summary>A .NET installation's shape under <paramref name="name"/>: its host and one shared framework.</summary>
    private string Install(string name)
    {
        var root = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.Combine(root, "shared", "Microsoft.NETCore.App", "10.0.1"));
        File.WriteAllText(Path.Combine(root, DotnetHost.FileName), "");
        return root;
    }

    private static string Runtime(string root) => Path.Combine(root, "shared", "Microsoft.NETCore.App", "10.0.1") + Path.DirectorySeparatorChar;

    [Test]
    public void Find_RunningAsItsOwnExecutable_TakesTheHostBesideTheRuntime()
    {
        var home = Install(".dotnet");
        var other = Install("elsewhere");
        var host = DotnetHost.Find(Runtime(home), Path.Combine(_dir, "tool", "grader"), other, other);
        Assert.That(host, Is.EqualTo(Path.Combine(home, DotnetHost.FileName)));
    }

    [Test]
    public void Find_ASelfContainedRuntime_FallsBackToDotnetRootThenPath()
    {
        var selfContained = Path.Combine(_dir, "app") + Path.DirectorySeparatorChar;
        var root = Install("root");
        var onPath = Install("on-path");
        var searchPath = string.Join(Path.PathSeparator, Path.Combine(_dir, "nothing"), onPath);
        Assert.That(DotnetHost.Find(selfContained, null, root, searchPath), Is.EqualTo(Path.Combine(root, DotnetHost.FileName)));
        Assert.That(DotnetHost.Find(selfContained, null, null, searchPath), Is.EqualTo(Path.Combine(onPath, DotnetHost.FileName)));
    }

    [Test]
    public void Find_ThroughASymlink_ReturnsTheRealHost()
    {
        var root = Install("share-dotnet");
        var bin = Directory.CreateDirectory(Path.Combine(_dir, "bin")).FullName;
        File.CreateSymbolicLink(Path.Combine(bin, DotnetHost.FileName), Path.Combine(root, DotnetHost.FileName));
        Assert.That(DotnetHost.Find(null, null, null, bin), Is.EqualTo(Path.Combine(root, DotnetHost.FileName)));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("relative/dir")]
    [TestCase("/")]
    public void Find_NoHostAnywhere_IsNullWithoutThrowing(string? runtimeDirectory) =>
        Assert.That(DotnetHost.Find(runtimeDirectory, "/nowhere/grader", Path.Combine(_dir, "none"), $"{_dir}/none{Path.PathSeparator}{Path.PathSeparator}\0bad"), Is.Null);

    [Test]
    public void Path_InThisProcess_IsTheHostOfTheRunningRuntime()
    {
        var runtime = new DirectoryInfo(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory());
        Assert.That(DotnetHost.Path, Is.EqualTo(Path.Combine(runtime.Parent!.Parent!.Parent!.FullName, DotnetHost.FileName)));
    }
}
