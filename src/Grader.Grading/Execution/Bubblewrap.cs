using System.Diagnostics;

namespace Grader.Grading.Execution;

/// <summary>Finds bubblewrap, checks that it can actually create a sandbox here, and builds its arguments.</summary>
public static class Bubblewrap
{
    /// <summary>What the probe found: a bwrap binary and the namespaces its trial sandbox started with, or why none.</summary>
    private sealed record Probed(string? Binary, string[] Namespaces, string? Failure)
    {
        /// <summary>What starts bwrap: nothing (bwrap itself), or the steps that give it a root it can work with.</summary>
        public string[] Wrapper { get; init; } = [];
    }

    private static readonly Lazy<Probed> Found = new(Probe);

    /// <summary>The bwrap binary when it exists and a trial sandbox starts; null otherwise.</summary>
    public static string? Path => Found.Value.Binary;

    /// <summary>
    /// Why bubblewrap is not used here (no binary, or what bwrap said when its trial sandbox failed); null when it is.
    /// </summary>
    public static string? Unusable => Environment.GetEnvironmentVariable(Disable) == "1" ? $"{Disable}=1" : Found.Value.Failure;

    /// <summary>
    /// Every namespace bubblewrap can make, the user's among them: what an ordinary user's sandbox is made of.
    /// </summary>
    private static readonly string[] AllNamespaces = ["--unshare-all"];

    /// <summary>
    /// For root where user namespaces are refused (Linux refuses them in a chroot, and where a sysctl turns them
    /// off): every other namespace, and no capability left to the sandboxed process, so that root in the sandbox
    /// can change nothing the mounts do not allow (it cannot remount, mount, trace or signal outside).
    /// </summary>
    private static readonly string[] RootWithoutUserNamespace =
        ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"];

    /// <summary>Set to 1, submissions run without bubblewrap even where it works.</summary>
    public const string Disable = "GRADER_NO_BWRAP";

    internal static readonly string[] Candidates = ["/usr/bin/bwrap", "/bin/bwrap", "/usr/local/bin/bwrap"];

    public static bool IsAvailable => Environment.GetEnvironmentVariable(Disable) != "1" && Found.Value.Binary is not null;

    /// <summary>The program and first arguments that start a sandbox: bwrap, or bwrap behind <see cref="ChrootWrapper"/>.</summary>
    public static IReadOnlyList<string> Launcher => [.. Found.Value.Wrapper, Found.Value.Binary!];

    /// <summary>A bwrap binary exists here (whether or not a sandbox could be started with it).</summary>
    public static bool Installed => Candidates.Any(File.Exists);

    public static IEnumerable<string> Arguments(string runnerDir, IReadOnlyDictionary<string, string> env)
    {
        List<string> args =
        [
            .. Found.Value.Namespaces,
            // No capability in the sandbox: bwrap keeps them all for root unless told.
            "--cap-drop", "ALL",
            "--die-with-parent", "--new-session", "--clearenv",
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

    private static Probed Probe()
    {
        var bwrap = Candidates.FirstOrDefault(File.Exists);
        if (bwrap is null)
        {
            return new Probed(null, AllNamespaces, $"no bwrap in {string.Join(", ", Candidates.Select(System.IO.Path.GetDirectoryName))}");
        }
        if (Trial([bwrap], AllNamespaces) is not { } failure)
        {
            return new Probed(bwrap, AllNamespaces, null);
        }
        if (!Environment.IsPrivilegedProcess || OperatingSystem.IsWindows())
        {
            return new Probed(null, AllNamespaces, failure);
        }
        if (Trial([bwrap], RootWithoutUserNamespace) is not { } asRoot)
        {
            return new Probed(bwrap, RootWithoutUserNamespace, null);
        }
        if (ChrootWrapper() is { } wrapper && Trial([.. wrapper, bwrap], RootWithoutUserNamespace) is null)
        {
            return new Probed(bwrap, RootWithoutUserNamespace, null) { Wrapper = wrapper };
        }
        return new Probed(null, AllNamespaces, $"{failure}; as root without a user namespace: {asRoot}");
    }

    /// <summary>
    /// Inside a chroot whose root is a plain folder, not a mount point, bwrap cannot make its mounts private ("Failed to
    /// make / slave"). As root, a mount namespace of the sandbox's own can be made first, the root bound recursively
    /// onto an empty folder (then a mount point), and bwrap started chrooted there: the same files at the same paths,
    /// nothing mounted outside that namespace, and bwrap's own namespaces and dropped capabilities as everywhere else.
    /// Null where the tools for it are missing.
    /// </summary>
    private static string[]? ChrootWrapper()
    {
        var unshare = new[] { "/usr/bin/unshare", "/bin/unshare" }.FirstOrDefault(File.Exists);
        var chroot = new[] { "/usr/sbin/chroot", "/sbin/chroot", "/usr/bin/chroot" }.FirstOrDefault(File.Exists);
        if (unshare is null || chroot is null || !File.Exists("/bin/sh") || OperatingSystem.IsWindows())
        {
            return null;
        }
        // Root's own folder (not one in /tmp, where another user could have put a link first); one for every grader,
        // as each binds onto it in a mount namespace of its own.
        var root = "/run/grader-sandbox-root";
        try
        {
            Directory.CreateDirectory(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        return [unshare, "--mount", "--propagation", "unchanged", "--", "/bin/sh", "-c", $"mount --rbind / \"$0\" && exec {chroot} \"$0\" \"$@\"", root];
    }

    /// <summary>Starts a trial sandbox; null when it ran, else what went wrong (bwrap's own words).</summary>
    private static string? Trial(string[] launcher, string[] namespaces)
    {
        var bwrap = launcher[^1];
        try
        {
            var start = new ProcessStartInfo(launcher[0]) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in launcher.Skip(1).Concat(namespaces).Concat(["--cap-drop", "ALL", "--die-with-parent", "--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64", "--", "/usr/bin/true"]))
            {
                start.ArgumentList.Add(a);
            }
            using var p = Process.Start(start)!;
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(5000))
            {
                return "the trial sandbox did not end in 5 s";
            }
            var said = stderr.Result.Trim();
            return p.ExitCode == 0 ? null : $"{bwrap} exited {p.ExitCode}: {said[..Math.Min(said.Length, 300)]}";
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return $"{bwrap} did not start: {ex.Message}";
        }
    }
}
