using System.Text;
using Grader.Problems;
using Grader.Protocol;

namespace Grader.Grading;

/// <summary>
/// Reads a submission file as untrusted data: only a regular file (no symbolic link, device, FIFO or folder),
/// inside the submissions tree when one is given, with its size checked before a byte is read and the read itself
/// bounded. A file that fails any of these is the student's <c>rejected</c> status with the reason, never a hang or
/// an exception out of here.
/// </summary>
public static class SubmissionFile
{
    /// <summary>UTF-8 takes at most 4 bytes a character: a file over this cannot be within the character limit.</summary>
    public const long MaxBytes = ProtocolLimits.MaxSourceChars * 4L;

    /// <summary>What reading gave: the text, or why there is none (<see cref="Missing"/> when nothing is there).</summary>
    public sealed record Result(string? Text, string? Refusal, bool Missing);

    public static Result Read(string path, string? root = null)
    {
        var name = Path.GetFileName(path);
        FileInfo info;
        try
        {
            info = new FileInfo(path);
            if (info.LinkTarget is not null)
            {
                return Refused($"{name} is a symbolic link; submit the file itself");
            }
            if (!info.Exists)
            {
                return Directory.Exists(path) ? Refused($"{name} is a folder, not a file") : new Result(null, null, Missing: true);
            }
            if (root is not null && Outside(info, root) is { } why)
            {
                return Refused(why);
            }
            // A FIFO, a socket or a device has no size: it is never opened (opening a FIFO waits for a writer).
            if (info.Length == 0)
            {
                return IsRegularEmpty(info) ? new Result("", null, false) : Refused($"{name} is not a regular file");
            }
            if (info.Length > MaxBytes)
            {
                return Refused($"{name} has {info.Length} bytes; a submission may have at most {ProtocolLimits.MaxSourceChars} characters");
            }
            using var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read, Options = FileOptions.SequentialScan });
            var (buffer, read) = BoundedRead.Bytes(stream, info.Length, (int)MaxBytes);
            if (read > MaxBytes)
            {
                return Refused($"{name} grew while it was read; a submission may have at most {ProtocolLimits.MaxSourceChars} characters");
            }
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetString(buffer, 0, read);
            return text.Length > ProtocolLimits.MaxSourceChars
                ? Refused($"{name} has {text.Length} characters; the limit is {ProtocolLimits.MaxSourceChars}")
                : new Result(text, null, false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Refused($"{name} could not be read ({ex.GetType().Name})");
        }
    }

    private static Result Refused(string why) => new(null, why, false);

    /// <summary>Why the file is not inside <paramref name="root"/> without a link on the way, or null when it is.</summary>
    private static string? Outside(FileInfo file, string root)
    {
        var top = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar);
        for (var dir = file.Directory; dir is not null; dir = dir.Parent)
        {
            var full = dir.FullName.TrimEnd(Path.DirectorySeparatorChar);
            if (full == top)
            {
                return null;
            }
            if (dir.LinkTarget is not null)
            {
                return $"the folder {dir.Name} is a symbolic link; submissions must be files inside the submissions folder";
            }
        }
        return $"{file.Name} is outside the submissions folder";
    }

    /// <summary>
    /// An empty regular file, told apart from a FIFO, socket or device (all of length 0) without opening it: .NET does
    /// not expose the file type, so stat(1) is asked, for zero-length files only (rare, and a 2 ms process).
    /// </summary>
    private static bool IsRegularEmpty(FileInfo info)
    {
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo("stat") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "--format=%F", "--", info.FullName })
            {
                start.ArgumentList.Add(a);
            }
            using var stat = System.Diagnostics.Process.Start(start)!;
            var kind = stat.StandardOutput.ReadToEnd().Trim();
            stat.WaitForExit(5000);
            return kind == "regular empty file";
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return false;
        }
    }
}
