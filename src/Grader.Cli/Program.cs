using Grader.Cli;
using Grader.Cli.Serving;

// A repeated `check` is answered by the warm check server when one runs for this build (see CheckServer).
var ctx = CliContext.OfProcess();
if (CheckClient.TryForward(args, ctx) is { } forwarded)
{
    return forwarded;
}
var code = App.Run(args, ctx);
CheckClient.StartAfterCheck(args);
return code;
