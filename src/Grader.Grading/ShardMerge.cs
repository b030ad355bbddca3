using System.Text.Json;
using Grader.Grading.Reports;
using Grader.Problems;

namespace Grader.Grading;

/// <summary>
/// <c>grader merge</c>: combines the output folders of <c>grade --shard k/N</c> runs into what one run over all the
/// students writes. Each student folder is copied as it is; the class-level files are written again from the
/// reports (<see cref="ClassOutputs"/>), so they are byte for byte those of a single run.
/// </summary>
public static class ShardMerge
{
    /// <summary>What a merge did: an error (nothing written) when the shards do not fit together; else the files that could not be written.</summary>
    public sealed record Outcome(string? Error, IReadOnlyList<string> WriteFailures)
    {
        /// <summary>What to do about <see cref="Error"/>, when it is not the shards' fit.</summary>
        public string? Hint { get; init; }
    }

    /// <summary>The largest report JSON read from a shard: a report is cut to <see cref="ReportLimits.MaxReportChars"/> characters of text.</summary>
    public const int MaxReportBytes = 1 << 20;

    /// <summary>The largest other file of a student folder copied (a student's page and Gradescope files over every problem).</summary>
    public const int MaxFileBytes = 16 << 20;

    /// <summary>At most this many problems of a shard's files are listed in the error.</summary>
    private const int MaxListed = 20;

    /// <summary>Merges; the outcome's error is set (and nothing written) when the shards do not fit together.</summary>
    public static Outcome Merge(IReadOnlyList<string> dirs, string outDir)
    {
        var refused = Check(dirs, out var owner, out var problems);
        if (refused is not null)
        {
            return new Outcome(refused, []);
        }
        // A student may control their own folder of a shard's output: every file is read as untrusted data (a regular
        // file, no link, bounded), and only the files grade writes there, before anything is written.
        var reports = new Dictionary<(string, string), SubmissionReport>();
        var wrong = new List<string>();
        var copies = new List<(string From, string To)>();
        foreach (var (student, dir) in owner)
        {
            foreach (var path in Directory.EnumerateFileSystemEntries(Path.Combine(dir, student)).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(path);
                if (name.Contains(".tmp-", StringComparison.Ordinal))
                {
                    continue;
                }
                var problem = problems.FirstOrDefault(p => name == p.Id + ".json");
                if (!problems.Any(p => name == p.Id + ".json" || name == p.Id + ".md" || name == p.Id + ClassOutputs.GradescopeSuffix)
                    && name is not (ClassOutputs.GradescopeAssignmentFile or "index.html"))
                {
                    wrong.Add($"{path}: not a file grade writes in a student folder");
                    continue;
                }
                var (text, refusal) = BoundedRead.RegularFile(path, problem is null ? MaxFileBytes : MaxReportBytes);
                if (text is null)
                {
                    wrong.Add($"{path}: {refusal}");
                    continue;
                }
                if (problem is not null)
                {
                    if (ReadReport(text, student, problem, out var report) is { } why)
                    {
                        wrong.Add($"{path}: {why}");
                        continue;
                    }
                    reports[(student, problem.Id)] = report!;
                }
                copies.Add((path, Path.Combine(outDir, student, name)));
            }
        }
        if (wrong.Count > 0)
        {
            return new Outcome(string.Join("\n", wrong.Take(MaxListed).Select(Escape.Line)) + (wrong.Count > MaxListed ? $"\n... and {wrong.Count - MaxListed} more" : ""), [])
            {
                Hint = "nothing was merged: a shard's student folder holds only the files grade writes there; grade those students again (grade --shard k/N) or remove what is listed",
            };
        }
        var failures = new List<string>();
        foreach (var (from, to) in copies)
        {
            if (BatchGrader.TryWriteAtomically(to, () => BoundedRead.RegularFile(from, MaxFileBytes).Text ?? throw new IOException("it changed while merging")) is { } failure)
            {
                failures.Add(failure);
            }
        }
        var formats = new List<string>();
        if (dirs.Any(d => File.Exists(Path.Combine(d, ClassOutputs.JUnitFile))))
        {
            formats.Add("junit");
        }
        var errors = string.Concat(dirs.Select(d => Path.Combine(d, ClassOutputs.ErrorLogFile)).Where(File.Exists)
            .Select(f => BoundedRead.RegularFile(f, MaxFileBytes) is { Text: { } t } ? t : $"{f}: not read, {BoundedRead.RegularFile(f, MaxFileBytes).Refusal}\n"));
        if (errors.Length > 0 && BatchGrader.TryWriteAtomically(Path.Combine(outDir, ClassOutputs.ErrorLogFile), () => errors) is { } logFailure)
        {
            failures.Add(logFailure);
        }
        failures.AddRange(ClassOutputs.Write(outDir, owner.Keys.Order(StringComparer.Ordinal).ToList(), problems, reports, formats));
        return new Outcome(null, failures);
    }

    /// <summary>
    /// Why <paramref name="text"/> is not this student's report of this problem as grade writes it, or null (and the
    /// report) when it is: JSON with no null in it that reads back to the same text, naming the folder's student and
    /// the file's problem, with a score from 0 to the problem's points.
    /// </summary>
    private static string? ReadReport(string text, string student, ProblemInfo problem, out SubmissionReport? report)
    {
        report = null;
        try
        {
            using (var doc = JsonDocument.Parse(text))
            {
                if (HasNull(doc.RootElement))
                {
                    return "not a report as grade writes it (it holds a null)";
                }
            }
            report = ReportJson.Read(text);
        }
        catch (JsonException ex)
        {
            return $"not a report as grade writes it ({ex.Message})";
        }
        if (report is null || ReportJson.Write(report) != text)
        {
            report = null;
            return "not a report as grade writes it (read back, it is written differently)";
        }
        var why = report.Student != student ? $"a report of student `{report.Student}`, in the folder of `{student}`"
            : report.Problem != problem.Id ? $"a report of problem `{report.Problem}`"
            : report.MaxScore != problem.MaxScore ? $"its max_score is {report.MaxScore}, but {problem.Id} has {problem.MaxScore} points"
            : !(report.Score >= 0 && report.Score <= report.MaxScore) ? $"its score {report.Score} is not from 0 to its max_score {report.MaxScore}"
            : null;
        if (why is not null)
        {
            report = null;
        }
        return why;
    }

    private static bool HasNull(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => true,
        JsonValueKind.Object => e.EnumerateObject().Any(p => HasNull(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().Any(HasNull),
        _ => false,
    };

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
            var (text, refusal) = BoundedRead.RegularFile(file, MaxFileBytes);
            if (text is null)
            {
                return $"{file} is not read: {refusal}";
            }
            if (manifest is not null && text != manifest)
            {
                return $"{dir} was graded with other problems than {dirs[0]}: shards must be graded with the same problems folder";
            }
            manifest = text;
            foreach (var student in StudentFolders(dir))
            {
                if (BoundedRead.Kind(Path.Combine(dir, student), followLinks: false) is { } kind and not "a folder")
                {
                    return $"the student folder {Path.Combine(dir, Escape.Line(student))} is {kind}: a shard's student folders are folders of its own";
                }
                if (owner.TryGetValue(student, out var other))
                {
                    return $"student folder `{Escape.Line(student)}` is in both {other} and {dir}: give each shard's output once";
                }
                owner[student] = dir;
            }
        }
        if (manifest is null)
        {
            return "no shard folders given";
        }
        IReadOnlyList<ProblemInfo>? read;
        try
        {
            read = ClassOutputs.ReadProblems(manifest);
        }
        catch (JsonException ex)
        {
            return $"{Path.Combine(dirs[0], ClassOutputs.ProblemsFile)} is not the problems.json grade writes: {ex.Message}";
        }
        if (read is null || read.Any(p => p is null || p.Id is null || p.Parts is null))
        {
            return $"{Path.Combine(dirs[0], ClassOutputs.ProblemsFile)} is not the problems.json grade writes";
        }
        problems = read;
        return null;
    }

    /// <summary>The student folders of a shard's output: as <c>grade</c> takes them, never a class-level file's name.</summary>
    private static IEnumerable<string> StudentFolders(string dir) =>
        Directory.EnumerateDirectories(dir).Select(Path.GetFileName).OfType<string>().Where(s => !BatchGrader.IsLeftOut(s));
}
