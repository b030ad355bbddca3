using System.Diagnostics;
using Grader.Grading.Execution;
using Grader.Tests.Grading.Reports;

namespace Grader.Tests;

/// <summary>
/// Before any test: what the tests need from the machine beyond .NET, installed once when missing, so that the
/// README's <c>dotnet test</c> passes on a fresh Debian machine: bubblewrap (the sandbox tests), chromium (the
/// class report in a browser), and nodejs with npm (html-validate on the class report). Only as root with apt-get; otherwise, or when apt-get fails, the tests that need them
/// fail with their hints. Runs before anything probes bubblewrap (<see cref="Bubblewrap.Path"/> is probed once).
/// </summary>
[SetUpFixture]
public sealed class TestMachine
{
    private const string AptGet = "/usr/bin/apt-get";

    /// <summary>Held while installing, so that test processes started together install once, one after another.</summary>
    private static readonly string LockFile = Path.Combine(Path.GetTempPath(), "grader-tests-apt-get.lock");

    /// <summary>The message of a test that needs bubblewrap, where it is not usable: what to do, and why it is not.</summary>
    public static string NeedsBubblewrap =>
        $"this test needs bubblewrap, not usable here ({Bubblewrap.Unusable}): install the Debian package bubblewrap "
        + "(the tests do, run as root), on a machine where bwrap can make a sandbox (user namespaces allowed, or root)";

    [OneTimeSetUp]
    public void InstallWhatTheTestsNeed()
    {
        TestProcesses.MarkThisRun();
        Install();
        // After installing: the one probe of bubblewrap, whose verdict every sandbox test then shares.
        if (Bubblewrap.Installed && !Bubblewrap.IsAvailable)
        {
            TestContext.Progress.WriteLine($"tests: bubblewrap is installed but cannot make a sandbox here ({Bubblewrap.Unusable}): the tests that need it fail");
        }
    }

    private static void Install()
    {
        var log = TestContext.Progress;
        if (Missing(File.Exists) is not { Count: > 0 } missing)
        {
            return;
        }
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess || !File.Exists(AptGet))
        {
            log.WriteLine($"tests: {string.Join(" and ", missing)} not installed, and this process cannot install them "
                + $"(root with {AptGet} can): the tests that need them fail with a hint");
            return;
        }
        using var held = Lock(LockFile, TimeSpan.FromMinutes(20));
        // Another test process may have installed them while this one waited.
        missing = Missing(File.Exists);
        if (missing.Count == 0)
        {
            return;
        }
        log.WriteLine($"tests: installing {string.Join(" and ", missing)} (Debian packages the tests need): apt-get update; apt-get install -y {string.Join(' ', missing)}");
        var watch = Stopwatch.StartNew();
        var failed = Run("update", "-qq") ?? Run(["install", "-y", "-qq", .. missing]);
        log.WriteLine(failed is null
            ? $"tests: installed {string.Join(" and ", missing)} in {watch.Elapsed.TotalSeconds:F0} s"
            : $"tests: could not install {string.Join(" and ", missing)}; the tests that need them fail with a hint. apt-get said:\n{failed}");
    }

    /// <summary>The Debian packages whose files are missing, as <paramref name="exists"/> sees the file system.</summary>
    public static IReadOnlyList<string> Missing(Func<string, bool> exists)
    {
        var missing = new List<string>();
        if (!Bubblewrap.Candidates.Any(exists))
        {
            missing.Add("bubblewrap");
        }
        if (!exists(ClassReportBrowserTests.Chromium))
        {
            missing.Add("chromium");
        }
        // html-validate, an npm package that runs in node (HtmlValidateTests).
        if (!exists(HtmlValidateTests.Node))
        {
            missing.Add("nodejs");
        }
        if (!exists(HtmlValidateTests.Npm))
        {
            missing.Add("npm");
        }
        return missing;
    }

    /// <summary>Runs apt-get; null when it succeeded, else the end of what it wrote.</summary>
    private static string? Run(params string[] args)
    {
        var start = new ProcessStartInfo(AptGet) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        // apt-get's own lock, held by another apt-get (an unattended upgrade): wait for it rather than fail.
        foreach (var a in (string[])["-o", "DPkg::Lock::Timeout=600", .. args])
        {
            start.ArgumentList.Add(a);
        }
        try
        {
            using var p = Process.Start(start)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(TimeSpan.FromMinutes(20)))
            {
                p.Kill(entireProcessTree: true);
                return $"apt-get {string.Join(' ', args)}: no answer in 20 minutes";
            }
            var output = (stdout.Result + stderr.Result).Trim();
            return p.ExitCode == 0 ? null : $"apt-get {string.Join(' ', args)} exited {p.ExitCode}: {output[Math.Max(0, output.Length - 2000)..]}";
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return $"apt-get {string.Join(' ', args)} did not start: {ex.Message}";
        }
    }

    /// <summary>Holds <paramref name="lockFile"/> exclusively, waiting for another test process that holds it, up to <paramref name="patience"/>.</summary>
    public static FileStream Lock(string lockFile, TimeSpan patience)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // Exclusive: on Unix .NET takes an advisory lock (flock) on the file, released when the process ends.
                return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (watch.Elapsed < patience)
            {
                Thread.Sleep(TimeSpan.FromSeconds(1));
            }
        }
    }

    /// <summary>After the last test: nothing a test started outlives the run (<see cref="TestProcesses"/>).</summary>
    [OneTimeTearDown]
    public void EndWhatTheTestsLeftRunning()
    {
        foreach (var (pid, command) in TestProcesses.EndLeft(TestProcesses.Mark))
        {
            TestContext.Progress.WriteLine($"tests: a test left process {pid} running ({command}); it was ended");
        }
    }
}
