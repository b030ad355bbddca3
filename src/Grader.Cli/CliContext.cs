using Grader.Grading.Execution;

namespace Grader.Cli;

/// <summary>
/// What a verb is given, so that it touches nothing of the process's own: where its output and errors go, the folder
/// its relative paths mean, and (in the warm check server) the pools of workers it may use. A verb never writes to
/// the global console nor reads the current folder; the check server answers each request with a context of its
/// client's.
/// </summary>
/// <param name="Shared">The check server's warm worker pools (by bubblewrap or not); null: each verb makes its own runner.</param>
public sealed record CliContext(TextWriter Output, TextWriter Error, string Folder, Func<bool, IExecutionRunner>? Shared = null)
{
    /// <summary>The context of an ordinary process: its console and its current folder.</summary>
    public static CliContext OfProcess() => new(Console.Out, Console.Error, Environment.CurrentDirectory);

    /// <summary>
    /// A path as the verb's user meant it: as given when it is absolute or the folder is this process's own (so that
    /// messages name it as it was typed), else under <see cref="Folder"/>.
    /// </summary>
    public string Resolve(string path) =>
        Path.IsPathRooted(path) || string.Equals(Path.GetFullPath(Folder), Path.GetFullPath(Environment.CurrentDirectory), StringComparison.Ordinal)
            ? path
            : Path.GetFullPath(path, Folder);
}
