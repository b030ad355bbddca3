using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Text.Json;
using Grader.Grading.Execution;
using Grader.Protocol;

namespace Grader.Tests.Grading;

/// <summary>
/// The worker the grader starts is the precompiled one the build publishes (src/Sandbox/Grader.Runner's project):
/// Roslyn as ReadyToRun images, tiered compilation off, in a folder of its own that is all the sandbox mounts of the
/// grader's files.
/// </summary>
public class PrecompiledWorkerTests
{
    private static bool OnLinuxX64 => OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64;

    [Test]
    public void TheGraderStartsThePrecompiledWorker()
    {
        Assert.That(OnLinuxX64, Is.True, "the precompiled worker is built on linux-x64 only, where the grader runs");
        Assert.That(WorkerProcess.RunnerDll, Is.EqualTo(Path.Combine(AppContext.BaseDirectory, "worker", "Grader.Runner.dll")));
        Assert.That(WorkerProcess.Precompiled, Is.True);
    }

    [TestCase("Microsoft.CodeAnalysis.CSharp.dll")]
    [TestCase("Microsoft.CodeAnalysis.dll")]
    [TestCase("Grader.Scripting.dll")]
    public void ItsCompilerIsReadyToRunCode(string assembly)
    {
        Assert.That(OnLinuxX64, Is.True, "the precompiled worker is built on linux-x64 only, where the grader runs");
        var path = Path.Combine(AppContext.BaseDirectory, "worker", assembly);
        using var pe = new PEReader(File.OpenRead(path));
        // A ReadyToRun image carries its native code in a managed native header; an IL-only assembly has none.
        Assert.That(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size, Is.GreaterThan(0), $"{assembly} is IL only");
        using var plain = new PEReader(File.OpenRead(Path.Combine(AppContext.BaseDirectory, assembly)));
        Assert.That(plain.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size, Is.Zero, "the plain build beside the grader is the IL one");
    }

    [Test]
    public void ItsCompilerAndRunnerShareOneCompositeImage()
    {
        Assert.That(OnLinuxX64, Is.True, "the precompiled worker is built on linux-x64 only, where the grader runs");
        var composite = Path.Combine(AppContext.BaseDirectory, "worker", "Grader.Runner.r2r.dll");
        Assert.That(File.Exists(composite), Is.True, "the composite ReadyToRun image of Roslyn and the runner");
        // Roslyn's native code lives in the composite; the component beside it keeps the IL (separate images made
        // Microsoft.CodeAnalysis.CSharp.dll itself 18 MiB of IL and native code, and no composite).
        var component = new FileInfo(Path.Combine(AppContext.BaseDirectory, "worker", "Microsoft.CodeAnalysis.CSharp.dll")).Length;
        Assert.That(new FileInfo(composite).Length, Is.GreaterThan(2 * component));
    }

    [Test]
    public void ItsCodeIsNeverRecompiled()
    {
        Assert.That(OnLinuxX64, Is.True, "the precompiled worker is built on linux-x64 only, where the grader runs");
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "worker", "Grader.Runner.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.That(properties.GetProperty("System.Runtime.TieredCompilation").GetBoolean(), Is.False);
    }

    [Test]
    public void InTheSandboxTheWorkerSeesItsOwnFolderAndNotTheGrader()
    {
        Assert.That(OnLinuxX64, Is.True, "needs the precompiled worker (linux-x64)");
        Assert.That(Bubblewrap.IsAvailable, Is.True, TestMachine.NeedsBubblewrap);
        var worker = Path.GetDirectoryName(WorkerProcess.RunnerDll)!;
        var grader = Path.Combine(AppContext.BaseDirectory, "Grader.Grading.dll");
        Assert.That(File.Exists(grader), Is.True);
        // Compiled without the policy, as if it had a hole: what can the code see of the files beside it?
        var source = $$"""
            Answer("seen", new double[]
            {
                System.IO.File.Exists("{{Path.Combine(worker, "Grader.Runner.dll")}}") ? 1 : 0,
                System.IO.File.Exists("{{grader}}") ? 1 : 0,
            });
            """;
        var outcome = TestRunners.Pool.Run(new RunRequest(source, "probe.csx", [], 1000, 1000) { ApplyPolicy = false }, ExecutionLimits.Default);
        Assert.That(outcome.Run?.Status, Is.EqualTo(RunResult.Ok), outcome.Run?.Message ?? string.Join("\n", outcome.Compile.Diagnostics));
        Assert.That(outcome.Run!.Answers.Single().Value!.Data, Is.EqualTo(new double[] { 1, 0 }));
    }
}
