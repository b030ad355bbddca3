using Grader.Cli;
using Grader.Cli.Commands;

// A repeated `check` is answered by the warm check server when one runs for this build (see CheckServer).
if (CheckServer.TryForward(args) is { } forwarded)
{
    return forwarded;
}
var code = App.Run(args, Console.Out, Console.Error);
CheckServer.StartAfterCheck(args);
return code;
