using System.Text;

namespace Grader.Grading.Execution;

/// <summary>
/// This build of the grader and its runner, told apart by the assemblies in their folders (name, size and time
/// written): what the compile cache and the check server key their files by, so a rebuild never meets old ones.
/// </summary>
public static class BuildIdentity
{
    private static readonly Lazy<string> Described = new(() =>
    {
        var text = new StringBuilder(AppContext.BaseDirectory);
        // The grader's assemblies and both of the worker's folders (WorkerProcess.RunnerDll starts one of them).
        var files = new[] { "", "worker", "plain-worker" }.Select(f => Path.Combine(AppContext.BaseDirectory, f))
            .Where(Directory.Exists).SelectMany(f => Directory.EnumerateFiles(f, "*.dll"));
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            text.Append('\n').Append(Path.GetRelativePath(AppContext.BaseDirectory, file)).Append(' ').Append(info.Length).Append(' ').Append(info.LastWriteTimeUtc.Ticks);
        }
        return text.ToString();
    });

    /// <summary>The folder, then one line per assembly.</summary>
    public static string Text => Described.Value;
}
