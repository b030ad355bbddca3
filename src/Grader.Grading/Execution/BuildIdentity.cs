using System.Text;

namespace Grader.Grading.Execution;

/// <summary>
/// This build of the grader and its runner, told apart by the assemblies in their folder (name, size and time
/// written): what the compile cache and the check server key their files by, so a rebuild never meets old ones.
/// </summary>
public static class BuildIdentity
{
    private static readonly Lazy<string> Described = new(() =>
    {
        var text = new StringBuilder(AppContext.BaseDirectory);
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll").Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            text.Append('\n').Append(info.Name).Append(' ').Append(info.Length).Append(' ').Append(info.LastWriteTimeUtc.Ticks);
        }
        return text.ToString();
    });

    /// <summary>The folder, then one line per assembly.</summary>
    public static string Text => Described.Value;
}
