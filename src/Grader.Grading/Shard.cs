using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Grader.Grading;

/// <summary>
/// <c>--shard k/N</c>: the share of the students whose folder name hashes to k - 1 modulo N (SHA-256 of its UTF-8
/// bytes), so a student's every submission lands in one shard whatever else the submissions folder holds.
/// </summary>
public sealed record Shard(int Index, int Count)
{
    public bool Includes(string student)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(student));
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)Count) == Index - 1;
    }

    /// <summary>Parses <c>k/N</c> with 1 &lt;= k &lt;= N &lt;= 10,000; null (and a message) otherwise.</summary>
    public static Shard? Parse(string text, out string? error)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var k)
            && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 10_000 && k >= 1 && k <= n)
        {
            error = null;
            return new Shard(k, n);
        }
        error = $"--shard must be k/N with 1 <= k <= N <= 10000 (as 2/3), not `{text}`";
        return null;
    }

    public override string ToString() => $"{Index}/{Count}";
}
