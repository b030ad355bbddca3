using System.Runtime.InteropServices;

namespace Grader.Grading.Execution;

/// <summary>
/// The dotnet host that starts the workers: the one of the .NET this process runs on, wherever it is installed
/// (<c>/usr/share/dotnet</c>, <c>~/.dotnet</c> from Microsoft's install script, a folder named by <c>DOTNET_ROOT</c>),
/// also when the grader runs as its own executable (as a .NET tool does) rather than through <c>dotnet</c>.
/// </summary>
public static class DotnetHost
{
    /// <summary>The host's real path (not a symlink, so that its folder can be bound into the sandbox); null when none is found.</summary>
    public static string? Path { get; } = Find(
        RuntimeEnvironment.GetRuntimeDirectory(),
        Environment.ProcessPath,
        Environment.GetEnvironmentVariable("DOTNET_ROOT"),
        Environment.GetEnvironmentVariable("PATH"));

    public static string FileName => OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";

    public const string NotFound =
        "no .NET host (dotnet) was found to start the worker: set DOTNET_ROOT to the folder .NET is installed in, or put dotnet on PATH";

    /// <summary>
    /// The first host that exists of: the one beside the running runtime (<paramref name="runtimeDirectory"/> is
    /// <c>&lt;root&gt;/shared/Microsoft.NETCore.App/&lt;version&gt;/</c>), this process when it is dotnet itself, the one in
    /// <paramref name="dotnetRoot"/>, the first on <paramref name="searchPath"/>. Never throws.
    /// </summary>
    public static string? Find(string? runtimeDirectory, string? processPath, string? dotnetRoot, string? searchPath)
    {
        var candidates = new List<string>();
        if (RootOf(runtimeDirectory) is { } root)
        {
            candidates.Add(System.IO.Path.Combine(root, FileName));
        }
        if (processPath is not null && System.IO.Path.GetFileNameWithoutExtension(processPath) == "dotnet")
        {
            candidates.Add(processPath);
        }
        if (!string.IsNullOrEmpty(dotnetRoot))
        {
            candidates.Add(System.IO.Path.Combine(dotnetRoot, FileName));
        }
        foreach (var dir in (searchPath ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            candidates.Add(System.IO.Path.Combine(dir, FileName));
        }
        foreach (var candidate in candidates)
        {
            try
            {
                var info = new FileInfo(System.IO.Path.GetFullPath(candidate));
                if (info.Exists)
                {
                    return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                // A dangling link, a loop or a folder that cannot be read: the next candidate.
            }
        }
        return null;
    }

    /// <summary>The .NET root of a shared framework's folder; null for any other folder (a self-contained app's).</summary>
    private static string? RootOf(string? runtimeDirectory)
    {
        if (string.IsNullOrEmpty(runtimeDirectory))
        {
            return null;
        }
        var version = new DirectoryInfo(System.IO.Path.TrimEndingDirectorySeparator(runtimeDirectory));
        var shared = version.Parent?.Parent;
        return shared is { Name: "shared", Parent: { } root } ? root.FullName : null;
    }
}
