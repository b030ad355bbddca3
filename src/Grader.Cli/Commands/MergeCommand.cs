using System.CommandLine;
using Grader.Grading;

namespace Grader.Cli.Commands;

public static class MergeCommand
{
    public static Command Create(CliContext ctx)
    {
        var dirs = new Argument<string[]>("shard-dirs") { Description = "the --out folders of `grade --shard k/N`, one per shard", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "where the merged reports, gradebook.csv and index.html go", Required = true };
        var command = new Command("merge", "Combine the outputs of `grade --shard k/N` into exactly what one `grade` over all students writes.") { dirs, output };
        command.SetAction(r =>
        {
            var given = r.GetValue(dirs)!;
            if (given.FirstOrDefault(d => !Directory.Exists(d)) is { } missing)
            {
                ctx.Error.WriteLine($"error: the shard folder does not exist: {missing}");
                ctx.Error.WriteLine("    hint: give the --out folder of each `grade --shard k/N` run");
                return ExitCodes.UsageOrSpecError;
            }
            var outDir = r.GetValue(output)!;
            if (given.Any(d => Path.GetFullPath(d).TrimEnd('/') == Path.GetFullPath(outDir).TrimEnd('/')))
            {
                ctx.Error.WriteLine($"error: --out {outDir} is one of the shard folders");
                ctx.Error.WriteLine("    hint: merge into a new folder");
                return ExitCodes.UsageOrSpecError;
            }
            var outcome = ShardMerge.Merge(given, outDir);
            if (outcome.Error is { } error)
            {
                foreach (var line in error.Split('\n'))
                {
                    ctx.Error.WriteLine($"error: {line}");
                }
                ctx.Error.WriteLine($"    hint: {outcome.Hint ?? "merge the outputs of one set of shards 1/N to N/N, graded with the same problems"}");
                return ExitCodes.UsageOrSpecError;
            }
            foreach (var failure in outcome.WriteFailures)
            {
                ctx.Error.WriteLine($"error: could not write {failure}");
            }
            if (outcome.WriteFailures.Count > 0)
            {
                ctx.Error.WriteLine("    hint: every other file was written; free the path (or the disk) and merge again");
                return ExitCodes.OutputsIncomplete;
            }
            ctx.Output.WriteLine($"merged {given.Length} shard folders into {outDir} (gradebook.csv, index.html)");
            return ExitCodes.Ok;
        });
        return command;
    }
}
