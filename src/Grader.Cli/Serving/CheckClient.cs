using System.Diagnostics;
using System.Net.Sockets;
using Grader.Grading.Execution;
using Grader.Protocol;

namespace Grader.Cli.Serving;

/// <summary>
/// The client's side of the warm check server: a <c>check</c> is forwarded to the server for this build when one
/// answers (<see cref="TryForward"/>), and after a check graded in its own process a server is started in the
/// background for the next one (<see cref="StartAfterCheck"/>). Only a plain check of a user's own is forwarded
/// (<see cref="Eligible"/>).
/// </summary>
public static class CheckClient
{
    /// <summary>
    /// When a server for this build answers: sends it the folder and command line and writes what it answered,
    /// returning the exit code; null when there is none or it failed (the caller then grades in its own process).
    /// </summary>
    public static int? TryForward(string[] args, CliContext ctx)
    {
        if (!Eligible(args) || SocketSecurity.SocketPath() is not { } path || !File.Exists(path))
        {
            return null;
        }
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(path));
            if (!SocketSecurity.PeerIsMe(socket))
            {
                // Someone else's socket in our folder: never trust its answer, grade here.
                return null;
            }
            // Far beyond any check: compile and run limits end a submission long before.
            socket.ReceiveTimeout = (int)TimeSpan.FromMinutes(5).TotalMilliseconds;
            using var stream = new NetworkStream(socket, ownsSocket: false);
            Framing.Write(stream, new CheckRequest(ctx.Here, args).Encode());
            if (Framing.Read(stream, CheckReply.MaxBytes) is not { } bytes)
            {
                return null;
            }
            var reply = CheckReply.Decode(bytes);
            ctx.Output.Write(reply.Output);
            ctx.Error.Write(reply.Error);
            return reply.ExitCode;
        }
        catch (Exception ex) when (ex is SocketException or IOException or EndOfStreamException or FormatException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>After a check graded in its own process: starts a server in the background for the next one.</summary>
    public static void StartAfterCheck(string[] args)
    {
        if (!Eligible(args) || SocketSecurity.SocketPath() is not { } path || SocketSecurity.Answers(path))
        {
            return;
        }
        var self = Environment.ProcessPath;
        if (self is null)
        {
            return;
        }
        var command = new List<string> { self };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            command.Add(typeof(CheckClient).Assembly.Location);
        }
        command.Add(CheckServer.Verb);
        // Its own session (no signal from this terminal's Ctrl-C), and no handle on this process's output: whoever
        // reads this check's output to its end must not wait for the server.
        // Nor any other descriptor this process inherited (a pipe someone reads to its end, a make jobserver), nor
        // this folder as its working folder. bash closes descriptors of any number; sh only the first ten.
        var shell = File.Exists("/bin/bash") ? "/bin/bash" : "/bin/sh";
        var start = new ProcessStartInfo(shell) { UseShellExecute = false, WorkingDirectory = "/" };
        start.Environment.Remove(Bubblewrap.Disable);
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("for fd in /proc/$$/fd/*; do n=${fd##*/}; [ \"$n\" -gt 2 ] 2>/dev/null && eval \"exec $n>&-\" 2>/dev/null; done; "
            + (File.Exists("/usr/bin/setsid") ? "exec /usr/bin/setsid " : "exec ") + "\"$@\" </dev/null >/dev/null 2>&1");
        start.ArgumentList.Add("sh");
        foreach (var c in command)
        {
            start.ArgumentList.Add(c);
        }
        try
        {
            using var p = Process.Start(start);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            // No server then: every check grades in its own process, as without one.
        }
    }

    /// <summary>
    /// A check the server may answer: not turned off, not in CI (every run there is a fresh machine), nothing written
    /// besides its output (CI's files), the sandbox not turned off for it, no help or fresh process asked for.
    /// </summary>
    private static bool Eligible(string[] args) =>
        args.Length > 0 && args[0] == "check"
        && Environment.GetEnvironmentVariable(CheckServer.Switch) != "0"
        && Environment.GetEnvironmentVariable("CI") is null or ""
        && Environment.GetEnvironmentVariable("GITHUB_ACTIONS") is null or ""
        // What a check writes besides its output goes to files these name: only a process of their own does that.
        && Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is null or ""
        && Environment.GetEnvironmentVariable("GITHUB_OUTPUT") is null or ""
        // A sandbox turned off for one check stays this process's choice; the server always sandboxes.
        && Environment.GetEnvironmentVariable(Bubblewrap.Disable) is null or ""
        && !args.Any(a => a is "-h" or "--help" or "-?" or "/?" or "/h" or "--fresh-process");
}
