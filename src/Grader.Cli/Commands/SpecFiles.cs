using Grader.Problems;
using Grader.Problems.Release;
using Grader.Problems.Yaml;

namespace Grader.Cli.Commands;

/// <summary>Finds and loads specs, printing their errors to standard error.</summary>
public static class SpecFiles
{
    public static IReadOnlyList<string> Find(string path) =>
        Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*.yaml", SearchOption.AllDirectories)
                .Concat(Directory.EnumerateFiles(path, "*.yml", SearchOption.AllDirectories))
                .Order(StringComparer.Ordinal).ToList()
            : [path];

    /// <summary>
    /// Reports every problem id that more than one spec uses (submissions are matched by <c>&lt;id&gt;.csx</c>, so a
    /// folder graded together needs unique ids); returns how many ids were reported.
    /// </summary>
    public static int ReportDuplicateIds(IEnumerable<Problems.Model.Problem> problems, TextWriter err)
    {
        var count = 0;
        foreach (var dup in problems.GroupBy(p => p.Id).Where(g => g.Count() > 1))
        {
            err.WriteLine($"error: problem id `{dup.Key}` is used by {string.Join(" and ", dup.Select(p => p.File))}");
            err.WriteLine("    hint: submissions are matched by <id>.csx, so ids must be unique across the problems folder");
            count++;
        }
        return count;
    }

    /// <summary>
    /// A kit's public file (<c>&lt;id&gt;.public.yaml</c>, which starts with <c>public:</c>) when <paramref name="path"/>
    /// is one, its errors printed; null when it is not one (an instructor's spec, or no file).
    /// </summary>
    public static (PublicSpec? Spec, bool IsPublic) LoadPublicOrReport(string path, TextWriter err)
    {
        if (!File.Exists(path) || SpecFile.Read(path) is not { Text: { } text } || !PublicSpecLoader.IsPublic(text))
        {
            return (null, false);
        }
        var (spec, errors) = PublicSpecLoader.Load(path, text);
        foreach (var e in errors)
        {
            err.WriteLine(e);
        }
        if (spec is null)
        {
            err.WriteLine($"{path}: {errors.Count} error(s) in the public file; get it again from your course's kit");
        }
        return (spec, true);
    }

    public static SpecLoadResult LoadOrReport(string path, TextWriter err)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            err.WriteLine($"error: spec not found: {path}");
            err.WriteLine("    hint: give the path of a .yaml problem spec, e.g. problems/cs577-a2/regression-network.yaml");
            return new SpecLoadResult(null, [new SpecError(new SourceLocation(path, 1, 1), "not found")]);
        }
        if (File.Exists(path) && SpecFile.Read(path) is { Text: { } text } && PublicSpecLoader.IsPublic(text))
        {
            err.WriteLine($"error: {path} is a student kit's public file: it holds no answers, so only check and render read it");
            err.WriteLine("    hint: validate, solve, grade and assign take the instructor's spec (problems/<assignment>/<id>.yaml)");
            return new SpecLoadResult(null, [new SpecError(new SourceLocation(path, 1, 1), "a public file, not a spec")]);
        }
        var result = SpecLoader.LoadFile(path);
        foreach (var e in result.Errors)
        {
            err.WriteLine(e);
        }
        foreach (var w in result.Warnings)
        {
            err.WriteLine(w.Format("warning"));
        }
        if (!result.IsValid)
        {
            err.WriteLine($"{path}: {result.Errors.Count} error(s); nothing is graded with a spec that does not validate");
        }
        return result;
    }
}
