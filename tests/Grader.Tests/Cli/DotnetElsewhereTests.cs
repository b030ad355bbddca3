using System.Diagnostics;
using System.Runtime.InteropServices;
using Grader.Grading.Execution;

namespace Grader.Tests.Cli;

/// <summary>
/// The grader run as its own executable (as a .NET tool runs) on a machine whose .NET lives in <c>~/.dotnet</c> only, as
/// Microsoft's install script leaves it: a copy of this machine's runtime in a folder of its own, named by DOTNET_ROOT,
/// while the machine's own installation (and <c>/usr/bin/dotnet</c> with it) is hidden by a mount namespace.
/// </summary>
[NonParallelizable]
public class DotnetElsewhereTests
{
    private const string Spec = "problems/cs577-a2/regression-network.yaml";
    private const string Submission = "submissions/all-correct/regression-network.csx";
    private static readonly string MachineRoot = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory()).Parent!.Parent!.Parent!.FullName;
    private string _home = "";
    private string _dotnet = "";

    [OneTimeSetUp]
    public void CopyTheRuntime()
    {
        _home = Directory.CreateTempSubdirectory("home-").FullName;
        _dotnet = Path.Combine(_home, ".dotnet");
        var runtime = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory());
        Copy(Path.Combine(MachineRoot, "host"), Path.Combine(_dotnet, "host"));
        Copy(runtime.FullName, Path.Combine(_dotnet, "shared", "Microsoft.NETCore.App", runtime.Name));
        File.Copy(Path.Combine(MachineRoot, DotnetHost.FileName), Path.Combine(_dotnet, DotnetHost.FileName));
    }

    [OneTimeTearDown]
    public void RemoveTheCopy() => Directory.Delete(_home, true);

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>
    /// Runs <paramref name="command"/> in a mount namespace where the machine's .NET root is an empty folder (as root a
    /// namespace of its own, otherwise inside a user namespace too), with .NET in <c>~/.dotnet</c> only.
    /// </summary>
    private CliRunner.Result WithoutTheMachinesDotnet(params string[] command)
    {
        var start = new ProcessStartInfo("/usr/bin/unshare")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repo.Root,
        };
        start.Environment.Clear();
        start.Environment["HOME"] = _home;
        start.Environment["DOTNET_ROOT"] = _dotnet;
        start.Environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";
        start.Environment["GRADER_CHECK_SERVER"] = "0";
        string[] unshare = Environment.IsPrivilegedProcess ? ["--mount"] : ["--mount", "--map-root-user"];
        // Nothing mounted here may reach the machine: every mount private, or where / is no mount point (a chroot's
        // root folder, where that fails) the one holding the .NET root, before the empty folder is mounted over it.
        const string hide = "{ mount --make-rprivate / 2>/dev/null || mount --make-private \"$(findmnt -no TARGET --target \"$0\")\"; } "
            + "&& mount -t tmpfs tmpfs \"$0\" && exec \"$@\"";
        foreach (var a in unshare.Concat(["--propagation", "unchanged", "/bin/sh", "-c", hide, MachineRoot]).Concat(command))
        {
            start.ArgumentList.Add(a);
        }
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return new CliRunner.Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    [Test]
    public void Namespace_HidesTheMachinesDotnet_AndKeepsTheCopy()
    {
        var r = WithoutTheMachinesDotnet("/bin/sh", "-c", "ls -A \"$1\"; test -e /usr/bin/dotnet && echo /usr/bin/dotnet; ls \"$DOTNET_ROOT\"", "sh", MachineRoot);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "dotnet", "host", "shared" }), "only the copy's folder lists");
    }

    [TestCase(new string[0], "(ran in a bubblewrap sandbox")]
    [TestCase(new[] { "--no-bwrap" }, "(ran a fresh process per submission without bubblewrap")]
    public void Check_AsItsOwnExecutable_DotnetOnlyInHomeDotnet_Exits0AndNamesTheSandbox(string[] options, string sandbox)
    {
        if (options.Length == 0)
        {
            Assert.That(Bubblewrap.IsAvailable, Is.True, TestMachine.NeedsBubblewrap);
        }
        var r = WithoutTheMachinesDotnet([Path.Combine(AppContext.BaseDirectory, "grader"), "check", .. options, Spec, Submission]);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stdout + r.Stderr);
        Assert.That(r.Stdout, Does.Contain("regression-network: 30 / 30 (graded)"));
        Assert.That(r.Stdout, Does.Contain(sandbox));
    }
}
