using System.Security.Cryptography;
using System.Text;

namespace Grader.Grading.Execution;

/// <summary>
/// Compiled submissions kept by content, so that a regrade (a spec fixed, every submission unchanged) compiles
/// nothing: the key is SHA-256 of the source, its file name, the policy flag and the runner's build
/// (<see cref="BuildIdentity"/>: the runner is started from the grader's own folder). The worker compiled the bytes and sends them back; the grader
/// stores them as they came, never opens them, and hands them to a sandboxed worker again for the same key only.
/// Each entry carries the SHA-256 of its bytes, so a damaged file is a miss, never a crash of that student's.
/// A worker that had been taken over could only have stored bytes for the source it was given: a student's own
/// text, which runs in the same sandbox either way. The folder is bounded: <see cref="Trim"/> (after every batch)
/// removes the entries used longest ago until it holds at most <see cref="MaxBytes"/>; an entry found is touched.
/// </summary>
public sealed class CompileCache(string folder)
{
    private int _hits;
    private int _stored;

    public string Folder { get; } = folder;

    /// <summary>The most the folder keeps after <see cref="Trim"/>: about 20,000 compiled submissions of the usual size.</summary>
    public long MaxBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Entries found (each a compile the workers did not do).</summary>
    public int Hits => _hits;

    /// <summary>Entries written.</summary>
    public int Stored => _stored;

    public string Key(string source, string fileName, bool applyPolicy) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"grader-compile-cache v1\n{BuildIdentity.Text}\n{(applyPolicy ? 1 : 0)}\n{fileName}\n{source}")));

    /// <summary>The entry for <paramref name="key"/>, when there is a whole one.</summary>
    public (byte[] Assembly, byte[]? Symbols)? Get(string key)
    {
        var path = Path.Combine(Folder, key + ".bin");
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > Protocol.CompileReply.MaxCompiledBytes + 64)
            {
                return null;
            }
            var bytes = File.ReadAllBytes(path);
            // Layout: 32 bytes SHA-256 of the rest, 4 bytes the assembly's length, the assembly, the PDB.
            if (bytes.Length < 36 || !SHA256.HashData(bytes.AsSpan(32)).AsSpan().SequenceEqual(bytes.AsSpan(0, 32)))
            {
                return null;
            }
            var length = BitConverter.ToInt32(bytes, 32);
            if (length <= 0 || length > bytes.Length - 36)
            {
                return null;
            }
            Interlocked.Increment(ref _hits);
            // Used now: the last to go when the folder is trimmed.
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
            var symbols = bytes.Length - 36 - length;
            return (bytes[36..(36 + length)], symbols > 0 ? bytes[(36 + length)..] : null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Keeps an entry (written whole or not at all); a cache that cannot be written is only slower.</summary>
    public void Put(string key, byte[] assembly, byte[]? symbols)
    {
        var body = new byte[4 + assembly.Length + (symbols?.Length ?? 0)];
        BitConverter.TryWriteBytes(body.AsSpan(0, 4), assembly.Length);
        assembly.CopyTo(body, 4);
        symbols?.CopyTo(body, 4 + assembly.Length);
        var path = Path.Combine(Folder, key + ".bin");
        var temp = path + $".tmp-{Environment.ProcessId}-{Environment.CurrentManagedThreadId}";
        try
        {
            Directory.CreateDirectory(Folder);
            using (var f = File.Create(temp))
            {
                f.Write(SHA256.HashData(body));
                f.Write(body);
            }
            File.Move(temp, path, overwrite: true);
            Interlocked.Increment(ref _stored);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temp);
            }
            catch (IOException)
            {
                // Nothing more to do: the next run compiles again.
            }
        }
    }

    /// <summary>
    /// Removes the entries used longest ago (by the time each was written or last found) while the folder holds more
    /// than <see cref="MaxBytes"/>, down to three quarters of it, so that it is not trimmed again at every batch.
    /// Returns how many were removed. A cache that cannot be read or trimmed is left as it is.
    /// </summary>
    public int Trim()
    {
        try
        {
            if (!Directory.Exists(Folder))
            {
                return 0;
            }
            var entries = new DirectoryInfo(Folder).EnumerateFiles("*.bin").ToList();
            var total = entries.Sum(e => e.Length);
            if (total <= MaxBytes)
            {
                return 0;
            }
            var removed = 0;
            foreach (var e in entries.OrderBy(e => e.LastWriteTimeUtc).ThenBy(e => e.Name, StringComparer.Ordinal))
            {
                if (total <= MaxBytes / 4 * 3)
                {
                    break;
                }
                var length = e.Length;
                try
                {
                    // (Read before: a deleted FileInfo has no length.)
                    e.Delete();
                    total -= length;
                    removed++;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Left for the next trim.
                }
            }
            return removed;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
