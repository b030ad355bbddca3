using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Grader.Protocol;

namespace Grader.Cli.Serving;

/// <summary>A check forwarded to the server: the client's folder and command line.</summary>
internal sealed record CheckRequest(string Folder, string[] Args)
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxArgs = 1000;

    public byte[] Encode() => CheckMessages.Encode(w =>
    {
        w.Write(Folder);
        w.Write(Args.Length);
        foreach (var a in Args)
        {
            w.Write(a);
        }
    });

    /// <summary>The request, or null when it is not one (too many arguments, none, cut short).</summary>
    public static CheckRequest? Decode(byte[] bytes)
    {
        try
        {
            using var body = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            var folder = body.ReadString();
            var count = body.ReadInt32();
            if (count is < 1 or > MaxArgs)
            {
                return null;
            }
            var args = new string[count];
            for (var i = 0; i < count; i++)
            {
                args[i] = body.ReadString();
            }
            return new CheckRequest(folder, args);
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or FormatException)
        {
            return null;
        }
    }
}

/// <summary>What the server answered: the exit code and the text of each stream.</summary>
internal sealed record CheckReply(int ExitCode, string Output, string Error)
{
    public const int MaxBytes = Framing.MaxReply;

    public byte[] Encode() => CheckMessages.Encode(w =>
    {
        w.Write(ExitCode);
        w.Write(Output);
        w.Write(Error);
    });

    public static CheckReply Decode(byte[] bytes)
    {
        using var reply = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        return new CheckReply(reply.ReadInt32(), reply.ReadString(), reply.ReadString());
    }
}

/// <summary>The messages' encoding: framed (<see cref="Framing"/>), strings length-prefixed UTF-8.</summary>
internal static class CheckMessages
{
    public static byte[] Encode(Action<BinaryWriter> write)
    {
        var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            write(w);
        }
        return buffer.ToArray();
    }
}

/// <summary>
/// A socket read as a stream that must deliver everything it is read for before one deadline: a silent or dripping
/// peer ends the read (end of stream) when the time is up, however it spaces its bytes.
/// </summary>
internal sealed class DeadlineStream(Socket socket, TimeSpan within) : Stream
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var left = within - _clock.Elapsed;
        if (left <= TimeSpan.Zero || !socket.Poll(left, SelectMode.SelectRead))
        {
            return 0;
        }
        return socket.Receive(buffer, offset, count, SocketFlags.None);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
