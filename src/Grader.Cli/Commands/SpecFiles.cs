using Grader.Problems;
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

    public static SpecLoadResult LoadOrReport(string path, TextWriter err)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            err.WriteLine($"error: spec not found: {path}");
            err.WriteLine("    hint: give the path of a .yaml problem spec, e.g. problems/cs577-a2/regression-network.yaml");
            return new SpecLoadResult(null, [new SpecError(new SourceLocation(path, 1, 1), "not found")]);
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
