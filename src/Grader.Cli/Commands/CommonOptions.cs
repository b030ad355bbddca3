using System.CommandLine;
using Grader.Grading.Reports;

namespace Grader.Cli.Commands;

public static class CommonOptions
{
    /// <summary><c>--format</c> of one value: text (the default) and json, or the given report formats.</summary>
    public static Option<string> Format(IReadOnlyList<IReportFormat>? formats = null)
    {
        var o = new Option<string>("--format")
        {
            Description = formats is null ? "text for people, json for tools" : ReportFormats.Describe(formats),
            DefaultValueFactory = _ => "text",
        };
        o.AcceptOnlyFromAmong([.. formats?.Select(f => f.Name) ?? ["text", "json"]]);
        return o;
    }
}
