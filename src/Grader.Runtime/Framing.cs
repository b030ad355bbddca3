namespace Grader.Runtime;

/// <summary>Length-prefixed messages (4 bytes, little-endian, then the bytes) between the grader and a worker.</summary>
public static class Framing
{
    public const int MaxMessage = 64 * 1024 * 1024;

    public static void Write(Stream stream, byte[] message)
    {
        Span<byte> header = stackalloc byte[4];
        BitConverter.TryWriteBytes(header, message.Length);
        stream.Write(header);
        stream.Write(message);
        stream.Flush();
    }

    /// <summary>The next message, or null at the end of the stream.</summary>
    public static byte[]? Read(Stream stream)
    {
        var header = new byte[4];
        if (!ReadExactly(stream, header))
        {
            return null;
        }
        var length = BitConverter.ToInt32(header);
        if (length < 0 || length > MaxMessage)
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
