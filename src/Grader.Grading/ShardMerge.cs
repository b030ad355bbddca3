using Grader.Grading.Reports;

namespace Grader.Grading;

/// <summary>
/// <c>grader merge</c>: combines the output folders of <c>grade --shard k/N</c> runs into what one run over all the
/// students writes. Each student folder is copied as it is; the class-level files are written again from the
/// reports (<see cref="ClassOutputs"/>), so they are byte for byte those of a single run.
/// </summary>
public static class ShardMerge
{
    /// <summary>What a merge did: an error (nothing written) when the shards do not fit together; else the files that could not be written.</summary>
    public sealed record Outcome(string? Error, IReadOnlyList<string> WriteFailures);

    /// <summary>Merges; the outcome's error is set (and nothing written) when the shards do not fit together.</summary>
    public static Outcome Merge(IReadOnlyList<string> dirs, string outDir)
    {
        var refused = Check(dirs, out var owner, out var problems);
        if (refused is not null)
        {
            return new Outcome(refused, []);
        }
        var failures = new List<string>();
        var reports = new Dictionary<(string, string), SubmissionReport>();
        foreach (var (student, dir) in owner)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(dir, student)))
            {
                if (!Path.GetFileName(file).Contains(".tmp-", StringComparison.Ordinal)
                    && BatchGrader.TryWriteAtomically(Path.Combine(outDir, student, Path.GetFileName(file)), () => File.ReadAllText(file)) is { } failure)
                {
                    failures.Add(failure);
                }
            }
            foreach (var p in problems)
            {
                var json = Path.Combine(dir, student, p.Id + ".json");
                if (File.Exists(json) && ReportJson.Read(File.ReadAllText(json)) is { } r)
                {
                    reports[(student, p.Id)] = r;
                }
            }
        }
        var formats = new List<string>();
        if (dirs.Any(d => File.Exists(Path.Combine(d, ClassOutputs.JUnitFile))))
        {
            formats.Add("junit");
        }
        var errors = string.Concat(dirs.Select(d => Path.Combine(d, ClassOutputs.ErrorLogFile)).Where(File.Exists).Select(File.ReadAllText));
        if (errors.Length > 0 && BatchGrader.TryWriteAtomically(Path.Combine(outDir, ClassOutputs.ErrorLogFile), () => errors) is { } logFailure)
        {
            failures.Add(logFailure);
        }
        failures.AddRange(ClassOutputs.Write(outDir, owner.Keys.Order(StringComparer.Ordinal).ToList(), problems, reports, formats));
        return new Outcome(null, failures);
    }

    /// <summary>The shards' students (each with its shard) and problems, or why they do not fit together.</summary>
    private static string? Check(IReadOnlyList<string> dirs, out Dictionary<string, string> owner, out IReadOnlyList<ProblemInfo> problems)
    {
        problems = [];
        string? manifest = null;
        owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var dir in dirs)
        {
            var file = Path.Combine(dir, ClassOutputs.ProblemsFile);
            if (!File.Exists(file))
            {
                return $"{dir} holds no {ClassOutputs.ProblemsFile}: it is not the output of `grader grade`";
            }
            var text = File.ReadAllText(file);
            if (manifest is not null && text != manifest)
            {
                return $"{dir} was graded with other problems than {dirs[0]}: shards must be graded with the same problems folder";
            }
            manifest = text;
            foreach (var student in StudentFolders(dir))
            {
                if (owner.TryGetValue(student, out var other))
                {
                    return $"student folder `{Escape.Line(student)}` is in both {other} and {dir}: give each shard's output once";
                }
                owner[student] = dir;
            }
        }
        if (manifest is null || ClassOutputs.ReadProblems(manifest) is not { } read)
        {
            return "no shard folders given";
        }
        problems = read;
        return null;
    }

    /// <summary>The student folders of a shard's output: as <c>grade</c> takes them, never a class-level file's name.</summary>
    private static IEnumerable<string> StudentFolders(string dir) =>
        Directory.EnumerateDirectories(dir).Select(Path.GetFileName).OfType<string>().Where(s => !BatchGrader.IsLeftOut(s));
}
