using System.CommandLine;

namespace Grader.Cli.Commands;

public static class CommonOptions
{
    public static Option<string> Format(params string[] more)
    {
        var o = new Option<string>("--format") { Description = "text for people, json for tools", DefaultValueFactory = _ => "text" };
        o.AcceptOnlyFromAmong([.. new[] { "text", "json" }.Concat(more)]);
        return o;
    }
}
