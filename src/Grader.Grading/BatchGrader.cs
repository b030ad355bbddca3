using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Grader.Grading.Reports;

namespace Grader.Grading;

/// <summary>
/// Grades every student folder against every problem, on all cores. Each report is written with a fingerprint of
/// what it graded, and taken as finished only when whole (<see cref="TryResume"/>), so that a run killed at any
/// moment and started again skips the finished work and ends with the same results.
/// </summary>
public sealed class BatchGrader(SubmissionGrader grader)
{
    /// <summary>Changes whenever grading could give a different result for the same inputs.</summary>
    public const string GraderVersion = "grader-2";

    /// <summary>Submissions graded at once (one worker each); 1 grades in order, every one after the one before in the same worker.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Grade only this share of the students (<c>--shard k/N</c>); null grades them all.</summary>
    public Shard? Shard { get; init; }

    /// <summary>Extra class-level formats to write: <c>junit</c>, <c>gradescope</c> (see <see cref="ClassOutputs"/>).</summary>
    public IReadOnlyCollection<string> Formats { get; init; } = [];

    /// <summary>Called after each submission, resumed ones included (from the grading threads).</summary>
    public Action<BatchProgress>? Progress { get; init; }

    /// <summary>The students graded and every report of the last <see cref="Run"/>, for the step summary and the classroom result.</summary>
    public (IReadOnlyList<string> Students, IReadOnlyDictionary<(string Student, string Problem), SubmissionReport> Reports)? Last { get; private set; }

    public BatchSummary Run(IReadOnlyList<GradingProblem> problems, string submissionsDir, string outDir, Action<string>? log = null)
    {
        var clock = Stopwatch.StartNew();
        if (Directory.Exists(outDir))
        {
            // A run killed between writing a temporary file and renaming it leaves the temporary file: drop it.
            foreach (var stale in Directory.EnumerateFiles(outDir, "*.tmp-*", SearchOption.AllDirectories))
            {
                File.Delete(stale);
            }
        }
        var students = Directory.EnumerateDirectories(submissionsDir).Select(Path.GetFileName).OfType<string>()
            .Where(s => !IsLeftOut(s)).Where(s => Shard?.Includes(s) ?? true).Order(StringComparer.Ordinal).ToList();
        var specTexts = problems.ToDictionary(p => p.Problem.Id, p => File.Exists(p.Problem.File) ? File.ReadAllText(p.Problem.File) : p.Problem.Id);
        var reports = new ConcurrentDictionary<(string, string), SubmissionReport>();
        var resumed = 0;
        var work = students.SelectMany(s => problems.Select(p => (Student: s, Problem: p))).ToList();
        var done = 0;
        void GradeOne((string Student, GradingProblem Problem) item)
        {
            var (student, problem) = item;
            var id = problem.Problem.Id;
            var source = Path.Combine(submissionsDir, student, id + ".csx");
            var jsonPath = Path.Combine(outDir, student, id + ".json");
            SubmissionReport report;
            string? fingerprint = null;
            try
            {
                // Everything about one submission, reading its file and its fingerprint included, happens inside
                // its own fault boundary: no file of a student's can end the batch.
                var file = SubmissionFile.Read(source, submissionsDir);
                fingerprint = Fingerprint(specTexts[id], file.Text ?? (file.Missing ? null : "\0refused\0" + file.Refusal), grader.Runner.Description);
                if (TryResume(jsonPath, fingerprint) is { } finished)
                {
                    reports[(student, id)] = finished;
                    Interlocked.Increment(ref resumed);
                    Progress?.Invoke(new BatchProgress(Interlocked.Increment(ref done), work.Count, $"{Escape.Line(student)}/{id}: {finished.Score:0.##}/{finished.MaxScore:0.##} {finished.Status} (resumed)", true));
                    return;
                }
                // A problem with per-student givens is graded in this student's variant (named by the folder).
                report = grader.Grade(problem.For(student), student, file, Path.GetFileName(source));
            }
            catch (Exception ex)
            {
                // A bug of the grader's own: this submission gets an error status; the batch goes on.
                report = GraderFault(problem, student, ex, outDir);
            }
            report = report with { Fingerprint = fingerprint };
            WriteReport(jsonPath, ReportJson.Write(report));
            WriteReport(Path.ChangeExtension(jsonPath, ".md"), ReportMarkdown.Write(report));
            reports[(student, id)] = report;
            var line = $"{Escape.Line(student)}/{id}: {report.Score:0.##}/{report.MaxScore:0.##} {report.Status}";
            log?.Invoke(line);
            Progress?.Invoke(new BatchProgress(Interlocked.Increment(ref done), work.Count, line, false));
        }
        if (Parallelism <= 1)
        {
            work.ForEach(GradeOne);
        }
        else
        {
            Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, GradeOne);
        }
        var failures = ClassOutputs.Write(outDir, students, problems.Select(p => ProblemInfo.Of(p.Problem)).ToList(), reports, Formats);
        Last = (students, reports);
        var all = reports.Values.ToList();
        return new BatchSummary(students.Count, problems.Count, all.Count, all.Count - resumed, resumed,
            students.Count == 0 ? 0 : all.Sum(r => r.Score) / students.Count,
            problems.Sum(p => p.Problem.Points),
            all.GroupBy(r => r.Status).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            clock.Elapsed)
        { WriteFailures = failures };
    }

    /// <summary>
    /// A folder of the submissions folder that is not a student's: its name starts with '.' (.git, an editor's), or it
    /// is the name of a class-level output (<see cref="ClassOutputs.IsReserved"/>: a student folder <c>index.html</c>
    /// would be the path of the class report).
    /// </summary>
    public static bool IsLeftOut(string folderName) => folderName.StartsWith('.') || ClassOutputs.IsReserved(folderName);

    /// <summary>The folders of <paramref name="submissionsDir"/> that <see cref="Run"/> leaves out, by name.</summary>
    public static IReadOnlyList<string> LeftOut(string submissionsDir) =>
        Directory.EnumerateDirectories(submissionsDir).Select(Path.GetFileName).OfType<string>().Where(IsLeftOut).Order(StringComparer.Ordinal).ToList();

    public static string Fingerprint(string spec, string? submission, string sandbox)
    {
        var text = $"{GraderVersion}\n{sandbox}\n{spec.Length}\n{spec}\n{submission?.Length ?? -1}\n{submission}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32].ToLowerInvariant();
    }

    /// <summary>
    /// The finished report of an earlier run, if both its files are there and whole: the JSON parses, carries the
    /// same fingerprint and names this problem, and the Markdown is the report's (not empty, not cut short).
    /// Anything else is graded again.
    /// </summary>
    internal static SubmissionReport? TryResume(string jsonPath, string fingerprint)
    {
        var mdPath = Path.ChangeExtension(jsonPath, ".md");
        if (!File.Exists(jsonPath) || !File.Exists(mdPath))
        {
            return null;
        }
        try
        {
            var report = ReportJson.Read(File.ReadAllText(jsonPath));
            if (report?.Fingerprint != fingerprint || report.Problem is null || report.Parts is null)
            {
                return null;
            }
            return File.ReadAllText(mdPath) == ReportMarkdown.Write(report) ? report : null;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// One file of a submission's report, written in place: no temporary file and no rename, so a regrade allocates
    /// no inode and frees none (on ext4, thousands of renames over files in one run made each new file slower to
    /// create). A file that already holds the same text is left alone. Safe for resuming all the same: the JSON is
    /// written first and the Markdown after it, and <see cref="TryResume"/> takes a report only when its JSON parses
    /// whole, with this run's fingerprint, and its Markdown is that report's, so a write cut short is graded again.
    /// </summary>
    internal static void WriteReport(string path, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        try
        {
            var existing = new FileInfo(path);
            if (existing.Exists && existing.Length == bytes.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
            {
                return;
            }
        }
        catch (IOException)
        {
            // Unreadable: written again below.
        }
        try
        {
            File.WriteAllBytes(path, bytes);
        }
        catch (DirectoryNotFoundException)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllBytes(path, bytes);
        }
    }

    /// <summary>
    /// Writes a whole file or nothing: the text goes to a temporary file beside it, which is then renamed over it, so
    /// a reader sees the old file or the new one, never a part. The temporary file's name starts with '.', as no
    /// student folder's does (<see cref="IsLeftOut"/>), so the two cannot collide.
    /// </summary>
    public static void WriteAtomically(string path, string text)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.tmp-{Environment.ProcessId}-{Environment.CurrentManagedThreadId}");
        try
        {
            File.WriteAllText(temp, text);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            // Left only when the write or the rename failed: nothing of it may stay behind.
            File.Delete(temp);
        }
    }

    /// <summary><see cref="WriteAtomically"/>, returning what went wrong (the file and the reason) instead of throwing.</summary>
    public static string? TryWriteAtomically(string path, Func<string> text)
    {
        try
        {
            WriteAtomically(path, text());
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"{path}: {ex.Message}";
        }
    }

    private static SubmissionReport GraderFault(GradingProblem problem, string student, Exception ex, string outDir)
    {
        lock (typeof(BatchGrader))
        {
            try
            {
                File.AppendAllText(Path.Combine(outDir, ClassOutputs.ErrorLogFile), $"{DateTime.UtcNow:O} {student}/{problem.Problem.Id}: {ex}\n\n");
            }
            catch (Exception logError) when (logError is IOException or UnauthorizedAccessException)
            {
                // The log cannot be written: the report still says the grader failed, and the batch goes on.
            }
        }
        return new SubmissionReport
        {
            Problem = problem.Problem.Id,
            Student = student,
            Score = 0,
            MaxScore = problem.Problem.Points,
            Status = Status.Error,
            Message = "the grader itself failed on this submission (not a fault of the submission); the instructor has the details in " + ClassOutputs.ErrorLogFile,
            Parts = problem.Problem.Parts.Select(p => new PartReport(p.Id, 0, p.Points, Status.Error, "not graded: grader error")).ToList(),
        };
    }
}
