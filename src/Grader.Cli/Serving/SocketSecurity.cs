using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Grader.Grading.Execution;

namespace Grader.Cli.Serving;

/// <summary>
/// Who may talk to whom: the check server's socket lives in a folder only its user can open (mode 0700, no link),
/// is named after the build's files (a rebuilt grader never talks to an old server), and each end checks from the
/// kernel that the other runs as the same user (SO_PEERCRED), whoever made the folder or the socket.
/// </summary>
internal static class SocketSecurity
{
    public const string FolderVariable = "GRADER_CHECK_SERVER_DIR";

    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// The socket of the server for this build (<c>$GRADER_CHECK_SERVER_DIR</c>, else <c>$XDG_RUNTIME_DIR/grader</c>,
    /// else <c>/tmp/grader-&lt;uid&gt;</c>), its folder made when missing; null when that folder cannot be made or is
    /// open to others, or the path is too long for a Unix socket (then no server is used).
    /// </summary>
    public static string? SocketPath()
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }
        var folder = Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } chosen ? chosen
            : Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime ? Path.Combine(runtime, "grader")
            : Path.Combine("/tmp", $"grader-{UserId()}");
        try
        {
            var info = Directory.CreateDirectory(folder, Private);
            if (info.LinkTarget is not null || File.GetUnixFileMode(folder) != Private)
            {
                return null;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var path = Path.Combine(folder, $"check-{BuildKey()}.sock");
        // A Unix socket's path has at most 107 bytes.
        return Encoding.UTF8.GetByteCount(path) < 108 ? path : null;
    }

    /// <summary>The log beside a socket.</summary>
    public static string LogOf(string socketPath) => socketPath[..^".sock".Length] + ".log";

    /// <summary>This process's real user id, as the kernel states it.</summary>
    public static string UserId()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            return line?.Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) ?? Environment.UserName;
        }
        catch (IOException)
        {
            return Environment.UserName;
        }
    }

    /// <summary>Names this build (<see cref="BuildIdentity"/>).</summary>
    private static string BuildKey() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(BuildIdentity.Text)))[..16];

    /// <summary>
    /// The other end of a Unix socket runs as this process's user (SO_PEERCRED, from the kernel): a server or a
    /// client of another user's is never talked to.
    /// </summary>
    public static bool PeerIsMe(Socket socket)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            // struct ucred { pid_t pid; uid_t uid; gid_t gid; }; SOL_SOCKET = 1, SO_PEERCRED = 17.
            var credentials = new byte[12];
            return socket.GetRawSocketOption(1, 17, credentials) == 12
                && BitConverter.ToUInt32(credentials, 4).ToString(System.Globalization.CultureInfo.InvariantCulture) == UserId();
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Whether something listens on the socket.</summary>
    public static bool Answers(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Tells a server's socket file from one a later server made in its place (null: none there).</summary>
    public static string? Identity(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists ? $"{info.CreationTimeUtc.Ticks}:{info.LastWriteTimeUtc.Ticks}" : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
