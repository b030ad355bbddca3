namespace Grader.Protocol;

/// <summary>Length-prefixed messages (4 bytes, little-endian, then the bytes) between the grader and a worker.</summary>
public static class Framing
{
    /// <summary>The largest request (a submission's text and the inputs of every case).</summary>
    public const int MaxMessage = 64 * 1024 * 1024;

    /// <summary>
    /// The largest reply the grader reads from a worker: as large as a request, since a run's answers and return values
    /// may hold as many numbers as its cases' inputs (validation keeps both within what one frame carries). Two
    /// [256, 784] gradients of an MLP homework are 8 MB of JSON already.
    /// </summary>
    public const int MaxReply = 64 * 1024 * 1024;

    public static void Write(Stream stream, byte[] message)
    {
        Span<byte> header = stackalloc byte[4];
        BitConverter.TryWriteBytes(header, message.Length);
        stream.Write(header);
        stream.Write(message);
        stream.Flush();
    }

    /// <summary>The next message, or null at the end of the stream.</summary>
    public static byte[]? Read(Stream stream, int maxLength = MaxMessage)
    {
        var header = new byte[4];
        if (!ReadExactly(stream, header))
        {
            return null;
        }
        var length = BitConverter.ToInt32(header);
        if (length < 0 || length > maxLength)
        {
            throw new InvalidDataException($"bad message length {length}");
        }
        var body = new byte[length];
        return ReadExactly(stream, body) ? body : null;
    }

    private static bool ReadExactly(Stream stream, byte[] buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = stream.Read(buffer, read, buffer.Length - read);
            if (n == 0)
            {
                return false;
            }
            read += n;
        }
        return true;
    }
}
