using Grader.Grading;
using Spectre.Console;

namespace Grader.Cli.Commands;

/// <summary>
/// What <c>grade</c> shows while it works: a Spectre.Console progress bar on a terminal, one plain line per
/// submission when output is redirected (a CI log, a file), nothing with <c>--quiet</c>. <c>NO_COLOR</c> (any
/// non-empty value, no-color.org) turns colour off.
/// </summary>
public sealed class ProgressDisplay
{
    private readonly bool _quiet;
    private readonly bool _bar;
    private readonly TextWriter _lines;
    private ProgressTask? _task;

    private ProgressDisplay(bool quiet, bool bar, TextWriter lines)
    {
        _quiet = quiet;
        _bar = bar;
        _lines = lines;
    }

    /// <summary>A bar only when <paramref name="output"/> is this process's own terminal; else lines written to it.</summary>
    public static ProgressDisplay Create(bool quiet, TextWriter output) =>
        new(quiet, !quiet && output == Console.Out && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not "dumb", output);

    public void Report(BatchProgress p)
    {
        if (_quiet)
        {
            return;
        }
        if (_bar && _task is { } task)
        {
            task.MaxValue = p.Total;
            task.Value = p.Done;
            return;
        }
        lock (this)
        {
            _lines.WriteLine(p.Line);
        }
    }

    public T Run<T>(Func<T> work)
    {
        if (!_bar)
        {
            return work();
        }
        var noColor = Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 };
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            ColorSystem = noColor ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Ansi = AnsiSupport.Detect,
        });
        T result = default!;
        console.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                _task = ctx.AddTask("grading", maxValue: 1);
                result = work();
                _task.Value = _task.MaxValue;
            });
        return result;
    }
}
