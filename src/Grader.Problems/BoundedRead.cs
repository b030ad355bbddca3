using System.Runtime.InteropServices;
using System.Text;

namespace Grader.Problems;

/// <summary>
/// Reads a stream to its end or to one byte past a limit, whichever comes first, into a buffer sized by the length
/// the file had when it was checked, grown only if the file grew since. A buffer of the limit's size for every file
/// (800 KB for a submission) went to the large-object heap and made every few reads of a batch a full collection.
/// </summary>
public static class BoundedRead
{
    /// <summary>
    /// The bytes read (<c>Count</c> of them, at the start of <c>Buffer</c>): more than <paramref name="limit"/>
    /// exactly when the stream held more than that.
    /// </summary>
    public static (byte[] Buffer, int Count) Bytes(Stream stream, long expectedLength, int limit)
    {
        var buffer = new byte[(int)Math.Clamp(expectedLength + 1, 1, (long)limit + 1)];
        var read = 0;
        while (true)
        {
            if (read == buffer.Length)
            {
                if (buffer.Length > limit)
                {
                    return (buffer, read);
                }
                Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, (long)limit + 1));
            }
            var n = stream.Read(buffer, read, buffer.Length - read);
            if (n == 0)
            {
                return (buffer, read);
            }
            read += n;
        }
    }

    /// <summary>
    /// The text of a file that another person controls (a shard's student folder): only a regular file, never through a
    /// symbolic link, of at most <paramref name="limit"/> bytes, all checked before it is opened (a FIFO blocks on open,
    /// /dev/zero never ends); or why it is not read.
    /// </summary>
    public static (string? Text, string? Refusal) RegularFile(string path, int limit)
    {
        try
        {
            if (Kind(path, followLinks: false) is { } kind)
            {
                return (null, $"it is {kind}, not a regular file");
            }
            var length = new FileInfo(path).Length;
            if (length > limit)
            {
                return (null, $"it has {length} bytes, more than the {limit} read");
            }
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var (buffer, read) = Bytes(stream, length, limit);
            return read > limit ? (null, $"it grew past the {limit} bytes read") : (new UTF8Encoding(false, false).GetString(buffer, 0, read), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"it cannot be read: {ex.Message}");
        }
    }

    /// <summary>
    /// What a path is when it is not a regular file ("a FIFO", "a device", "a symbolic link" when
    /// <paramref name="followLinks"/> is false), or null for a regular file (and where the file type cannot be asked).
    /// </summary>
    public static string? Kind(string path, bool followLinks)
    {
        if (OperatingSystem.IsWindows())
        {
            return new FileInfo(path).LinkTarget is not null && !followLinks ? "a symbolic link" : null;
        }
        try
        {
            if ((followLinks ? Stat(path, out var status) : LStat(path, out status)) != 0)
            {
                return null;
            }
            return (status.Mode & 0xF000) switch
            {
                0x8000 => null,
                0x1000 => "a FIFO (named pipe)",
                0x2000 => "a character device",
                0x6000 => "a block device",
                0xC000 => "a socket",
                0x4000 => "a folder",
                0xA000 => "a symbolic link",
                _ => "a special file",
            };
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Without the runtime's native shim, fall back on the callers' other checks and the bounded read.
            return !followLinks && new FileInfo(path).LinkTarget is not null ? "a symbolic link" : null;
        }
    }

    /// <summary>The start of the .NET runtime's portable stat result (System.Native's FileStatus): Mode holds S_IFMT.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
    }

    // The runtime's own portable wrappers of stat(2) (following symbolic links, as File.Exists does) and lstat(2);
    // .NET has no public API for the file type, and opening a FIFO to ask would block.
    // DllImport, not LibraryImport: the generated marshalling needs unsafe code, which this project does not allow.
#pragma warning disable SYSLIB1054
    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int Stat(string path, out FileStatus output);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int LStat(string path, out FileStatus output);
#pragma warning restore SYSLIB1054
}
