using System.CommandLine;

namespace Grader.Cli.Commands;

public static class ValidateCommand
{
    public static Command Create(CliContext ctx)
    {
        var path = new Argument<string>("path") { Description = "a spec (.yaml) or a folder of specs" };
        var command = new Command("validate", "Check specs and report every error with file:line:column.") { path };
        command.SetAction(r =>
        {
            var target = r.GetValue(path)!;
            if (!File.Exists(target) && !Directory.Exists(target))
            {
                ctx.Error.WriteLine($"error: no such file or folder: {target}");
                return ExitCodes.UsageOrSpecError;
            }
            var files = SpecFiles.Find(target);
            if (files.Count == 0)
            {
                ctx.Error.WriteLine($"error: no .yaml specs in {target}");
                ctx.Error.WriteLine("    hint: give a spec file, or a folder that holds <problem-id>.yaml files");
                return ExitCodes.UsageOrSpecError;
            }
            var invalid = 0;
            var valid = new List<Grader.Problems.Model.Problem>();
            foreach (var file in files)
            {
                var result = SpecFiles.LoadOrReport(file, ctx.Error);
                if (result.IsValid)
                {
                    ctx.Output.WriteLine($"ok: {file} ({result.Problem!.Parts.Count} parts, {result.Problem.Points:0.##} points)");
                    valid.Add(result.Problem);
                }
                else
                {
                    invalid++;
                }
            }
            // What grade would refuse of the folder as a whole, beyond each spec on its own.
            var duplicates = SpecFiles.ReportDuplicateIds(valid, ctx.Error);
            ctx.Output.WriteLine($"{files.Count - invalid} valid, {invalid} invalid" + (duplicates > 0 ? $"; {duplicates} problem id(s) used by more than one spec" : ""));
            return invalid == 0 && duplicates == 0 ? ExitCodes.Ok : ExitCodes.UsageOrSpecError;
        });
        return command;
    }
}
