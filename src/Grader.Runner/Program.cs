using System.Text.Json;
using Grader.Runtime;

// The sandboxed side of a run. One request on standard input and one result on standard output, or with
// --serve, length-prefixed requests and results until the input ends or a run faults (the worker is then
// recycled: a thread stuck in an endless loop must not share a process with the next student).
// Everything the student's code prints is captured by the Executor, so standard output carries only results.
var stdin = Console.OpenStandardInput();
var stdout = Console.OpenStandardOutput();
// The protocol uses the raw stream; the console goes nowhere, so that a thread abandoned after a time-out
// cannot write into the results.
Console.SetOut(TextWriter.Null);
var defaultTopLevel = int.TryParse(Environment.GetEnvironmentVariable("GRADER_TOPLEVEL_MS"), out var ms) ? ms : 5000;

RunResult Execute(RunRequest request) =>
    Executor.Run(request, TimeSpan.FromMilliseconds(request.TopLevelTimeoutMs > 0 ? request.TopLevelTimeoutMs : defaultTopLevel));

if (args.Contains("--serve"))
{
    while (Framing.Read(stdin) is { } message)
    {
        var result = Execute(JsonSerializer.Deserialize(message, RunJson.Default.RunRequest)!);
        Framing.Write(stdout, JsonSerializer.SerializeToUtf8Bytes(result, RunJson.Default.RunResult));
        if (result.Faulted)
        {
            break;
        }
    }
    Environment.Exit(0);
}

RunRequest? single;
try
{
    single = JsonSerializer.Deserialize(stdin, RunJson.Default.RunRequest);
}
catch (JsonException ex)
{
    await Console.Error.WriteLineAsync($"runner: bad request: {ex.Message}");
    return 3;
}
if (single is null)
{
    return 3;
}
JsonSerializer.Serialize(stdout, Execute(single), RunJson.Default.RunResult);
stdout.Flush();
// Exit at once: a thread abandoned after a time-out must not keep the process alive.
Environment.Exit(0);
return 0;
