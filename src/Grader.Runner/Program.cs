using System.Text.Json;
using Grader.Runtime;

// The sandboxed side of a run: one request on standard input, one result on standard output.
// Everything the student's code prints is captured by the Executor, so standard output carries only the result.
var stdout = Console.OpenStandardOutput();
RunRequest? request;
try
{
    request = JsonSerializer.Deserialize(Console.OpenStandardInput(), RunJson.Default.RunRequest);
}
catch (JsonException ex)
{
    await Console.Error.WriteLineAsync($"runner: bad request: {ex.Message}");
    return 3;
}
if (request is null)
{
    return 3;
}
var topLevel = TimeSpan.FromMilliseconds(int.TryParse(Environment.GetEnvironmentVariable("GRADER_TOPLEVEL_MS"), out var ms) ? ms : 5000);
var result = Executor.Run(request, topLevel);
JsonSerializer.Serialize(stdout, result, RunJson.Default.RunResult);
stdout.Flush();
// Exit at once: a thread abandoned after a time-out must not keep the process alive.
Environment.Exit(0);
return 0;
