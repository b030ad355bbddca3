using Grader.Grading.Execution;

namespace Grader.Cli;

/// <summary>
/// What a verb is given, so that it touches nothing of the process's own: where its output and errors go, the folder
/// its relative paths mean, and (in the warm check server) the pools of workers it may use. A verb never writes to
/// the global console nor reads the current folder; the check server answers each request with a context of its
/// client's.
/// </summary>
/// <param name="Folder">The folder relative paths mean (the check server's client's); null: this process's own.</param>
/// <param name="Shared">The check server's warm worker pools (by bubblewrap or not); null: each verb makes its own runner.</param>
public sealed record CliContext(TextWriter Output, TextWriter Error, string? Folder = null, Func<bool, IExecutionRunner>? Shared = null)
{
    /// <summary>The context of an ordinary process: its console, and paths as the process's own folder means them.</summary>
    public static CliContext OfProcess() => new(Console.Out, Console.Error);

    /// <summary>
    /// A path as the verb's user meant it: as given in a process of its own (so that messages name it as it was
    /// typed) or when absolute, else under <see cref="Folder"/>.
    /// </summary>
    public string Resolve(string path) => Folder is null || Path.IsPathRooted(path) ? path : Path.GetFullPath(path, Folder);

    /// <summary>The folder relative paths mean, named in full.</summary>
    public string Here => Folder ?? Environment.CurrentDirectory;
}
