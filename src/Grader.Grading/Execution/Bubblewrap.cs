using System.Diagnostics;

namespace Grader.Grading.Execution;

/// <summary>Finds bubblewrap, checks that it can actually create a sandbox here, and builds its arguments.</summary>
public static class Bubblewrap
{
    private static readonly Lazy<string?> Found = new(Probe);

    /// <summary>The bwrap binary when it exists and a trial sandbox starts; null otherwise.</summary>
    public static string? Path => Found.Value;

    /// <summary>Set to 1, submissions run without bubblewrap even where it works.</summary>
    public const string Disable = "GRADER_NO_BWRAP";

    private static readonly string[] Candidates = ["/usr/bin/bwrap", "/bin/bwrap", "/usr/local/bin/bwrap"];

    public static bool IsAvailable => Environment.GetEnvironmentVariable(Disable) != "1" && Found.Value is not null;

    /// <summary>A bwrap binary exists here (whether or not a sandbox could be started with it).</summary>
    public static bool Installed => Candidates.Any(File.Exists);

    public static IEnumerable<string> Arguments(string runnerDir, IReadOnlyDictionary<string, string> env)
    {
        List<string> args =
        [
            "--unshare-all", "--die-with-parent", "--new-session", "--clearenv",
            "--ro-bind", "/usr", "/usr",
            "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
            // The .NET the worker runs on, wherever it is installed (under /usr it is bound already: again is harmless).
            .. System.IO.Path.GetDirectoryName(DotnetHost.Path) is { } dotnetRoot ? ["--ro-bind", dotnetRoot, dotnetRoot] : Array.Empty<string>(),
            "--ro-bind", runnerDir, runnerDir,
            "--setenv", "HOME", "/tmp", "--setenv", "PATH", "/usr/bin", "--chdir", "/tmp",
        ];
        // Merged-/usr systems link /lib, /lib64 and /bin into /usr; others need them bound.
        foreach (var dir in new[] { "/lib", "/lib64", "/bin" })
        {
            var info = new DirectoryInfo(dir);
            if (info.LinkTarget is { } target)
            {
                args.AddRange(["--symlink", target, dir]);
            }
            else if (info.Exists)
            {
                args.AddRange(["--ro-bind", dir, dir]);
            }
        }
        foreach (var (k, v) in env)
        {
            args.AddRange(["--setenv", k, v]);
        }
        // The sandbox's root (where the mount points were made) becomes read-only too; only /tmp stays writable.
        args.AddRange(["--remount-ro", "/"]);
        args.Add("--");
        return args;
    }

    private static string? Probe()
    {
        var bwrap = Candidates.FirstOrDefault(File.Exists);
        if (bwrap is null)
        {
            return null;
        }
        try
        {
            var start = new ProcessStartInfo(bwrap) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in new[] { "--unshare-all", "--die-with-parent", "--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64", "--", "/usr/bin/true" })
            {
                start.ArgumentList.Add(a);
            }
            using var p = Process.Start(start)!;
            p.WaitForExit(5000);
            return p.HasExited && p.ExitCode == 0 ? bwrap : null;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }
}
