using System.Globalization;
using System.Text;

namespace Grader.Problems.Yaml;

/// <summary>
/// Reads a spec file safely: only a regular file, and only if it is at most <see cref="MaxBytes"/> long, both
/// checked before it is opened, so that a FIFO (which blocks on open), /dev/zero (endless) or a folder named
/// x.yaml gives a clean error instead of a hang or running out of memory. The read itself stops at the limit
/// too, in case the file grew in between.
/// </summary>
public static class SpecFile
{
    /// <summary>The largest spec file read: 1 MiB, far more than a problem with its data needs.</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>The text of a spec, or an error saying why it cannot be read.</summary>
    public static (string? Text, SpecError? Error) Read(string path)
    {
        var at = new SourceLocation(path, 1, 1);
        if (Directory.Exists(path))
        {
            return (null, new SpecError(at, "this is a folder, not a spec file", "give the path of a .yaml file, or of the folder to validate every spec in it"));
        }
        if (!File.Exists(path))
        {
            return (null, new SpecError(at, "the spec file does not exist", "check the path"));
        }
        if (Kind(path) is { } kind)
        {
            return (null, new SpecError(at, $"this is {kind}, not a regular file; only regular files are read as specs", "give the path of a .yaml file"));
        }
        var length = new FileInfo(path).Length;
        if (length > MaxBytes)
        {
            return (null, TooLarge(at, length));
        }
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var (buffer, read) = BoundedRead.Bytes(stream, length, MaxBytes);
            if (read > MaxBytes)
            {
                return (null, TooLarge(at, read));
            }
            return (new UTF8Encoding(false, false).GetString(buffer, 0, read).TrimStart('\uFEFF'), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, new SpecError(at, $"cannot read the spec: {ex.Message}", "check the path and its permissions"));
        }
    }

    private static SpecError TooLarge(SourceLocation at, long length) => new(at,
        string.Create(CultureInfo.InvariantCulture, $"the spec file is {length:N0} bytes; a spec may be at most {MaxBytes:N0} bytes"),
        "a spec holds formulas and small data: generate large inputs with normal(...) or uniform(...) instead of writing them out");

    private static string? Kind(string path) => BoundedRead.Kind(path, followLinks: true);
}
