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
}
