using System.IO.Compression;
using Grader.Grading.Reports;
using Grader.Problems.Model;
using Grader.Problems.Release;

namespace Grader.Grading.Release;

/// <summary>
/// <c>assign</c>: splits an assignment into what students get and what grades them (FORMAT.md section 6).
/// <c>student/</c> holds, per problem, the handout, a starter and the public file, with a README, the editor's
/// declarations and the grader as a tool package; <c>autograder/</c> holds Gradescope's zip (the grader prebuilt, the
/// full specs) and GitHub Classroom's template. Only <c>autograder/</c> holds the answer key.
/// </summary>
public static class AssignmentKit
{
    public sealed record Result(string StudentDir, string AutograderDir, IReadOnlyList<string> HeldBack, string ToolPackage);

    /// <param name="specFiles">Each problem with the file it was read from (copied whole into the autograder).</param>
    /// <param name="graderDir">The running grader's folder: packed as the tool and as Gradescope's prebuilt grader.</param>
    public static Result Build(IReadOnlyList<(Problem Problem, string File)> specFiles, string graderDir, string outDir, string assignment)
    {
        var student = Fresh(Path.Combine(outDir, "student"));
        var autograder = Fresh(Path.Combine(outDir, "autograder"));
        var heldBack = new List<string>();
        var publics = new List<PublicSpec>();
        foreach (var (problem, _) in specFiles.OrderBy(s => s.Problem.Id, StringComparer.Ordinal))
        {
            var built = PublicSpecBuilder.Build(problem);
            heldBack.AddRange(built.HeldBack.Select(h => $"{problem.Id}: {h}"));
            publics.Add(built.Spec);
            File.WriteAllText(Path.Combine(student, $"{problem.Id}.public.yaml"), PublicSpecWriter.Write(built.Spec));
            File.WriteAllText(Path.Combine(student, $"{problem.Id}.md"), Handout.Write(built.Spec, null));
            File.WriteAllText(Path.Combine(student, $"{problem.Id}.csx"), Starter.Write(built.Spec));
        }
        File.WriteAllText(Path.Combine(student, "grader.csx"), Starter.Globals + "\n");
        File.WriteAllText(Path.Combine(student, "README.md"), StudentReadme(assignment, publics));
        // Only the kit as a package source: the install never asks a registry for a package of the same name.
        File.WriteAllText(Path.Combine(student, "nuget.config"), """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="grader-kit" value="." />
              </packageSources>
            </configuration>
            """ + "\n");
        var package = ToolPackage.Write(graderDir, student);
        WriteGradescope(specFiles, graderDir, Path.Combine(autograder, "autograder.zip"));
        WriteClassroom(student, graderDir, Path.Combine(autograder, "classroom"));
        return new Result(student, autograder, heldBack, package);
    }

    /// <summary>An empty folder: a kit made again leaves nothing of an earlier one (a removed problem's answers least of all).</summary>
    private static string Fresh(string dir)
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>
    /// Gradescope's autograder.zip: <c>setup.sh</c> and <c>run_autograder</c> at its root (executable), the grader
    /// prebuilt in <c>grader/</c>, the full specs in <c>problems/</c>.
    /// </summary>
    private static void WriteGradescope(IReadOnlyList<(Problem Problem, string File)> specFiles, string graderDir, string zipPath)
    {
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        var deploy = Path.Combine(graderDir, "deploy", "gradescope");
        foreach (var script in new[] { "setup.sh", "run_autograder" })
        {
            var entry = zip.CreateEntryFromFile(Path.Combine(deploy, script), script);
            entry.ExternalAttributes = Convert.ToInt32("100755", 8) << 16;
        }
        foreach (var file in ToolPackage.Files(graderDir))
        {
            zip.CreateEntryFromFile(file, "grader/" + Path.GetRelativePath(graderDir, file).Replace('\\', '/'), CompressionLevel.Optimal);
        }
        foreach (var (problem, file) in specFiles)
        {
            zip.CreateEntryFromFile(file, $"problems/{problem.Id}.yaml");
        }
    }

    /// <summary>
    /// GitHub Classroom: the template repository (the kit's student files, and a workflow that runs the public check
    /// on every push) and the instructor's class workflow, which grades with the key kept in the course's own repository.
    /// </summary>
    private static void WriteClassroom(string student, string graderDir, string dir)
    {
        var template = Path.Combine(dir, "template");
        Directory.CreateDirectory(Path.Combine(template, ".github", "workflows"));
        Directory.CreateDirectory(Path.Combine(template, ".grader"));
        foreach (var file in Directory.EnumerateFiles(student))
        {
            var name = Path.GetFileName(file);
            // The tool package beside the workflow that installs it, out of the student's way.
            File.Copy(file, name.EndsWith(".nupkg", StringComparison.Ordinal) ? Path.Combine(template, ".grader", name) : Path.Combine(template, name));
        }
        File.Copy(Path.Combine(graderDir, "deploy", "github", "student-check.yml"), Path.Combine(template, ".github", "workflows", "check.yml"));
        File.Copy(Path.Combine(graderDir, "deploy", "github", "grade-class.yml"), Path.Combine(dir, "grade-class.yml"));
    }

    private static string StudentReadme(string assignment, IReadOnlyList<PublicSpec> problems)
    {
        var variants = problems.Any(p => p.HasVariants);
        var rows = string.Join("\n", problems.Select(p => $"| `{p.Id}` | {Escape.Markdown(p.Title)} | {p.Points:0.##} | [{p.Id}.md]({p.Id}.md) | `{p.Id}.csx` |"));
        return $$"""
            # {{Escape.Markdown(assignment)}}: your kit

            | problem | title | points | handout | your file |
            |---|---|---|---|---|
            {{rows}}

            ## Check your work before you submit

            You need .NET 10 (`dotnet --version`). In this folder:

            ```sh
            dotnet tool install --global {{ToolPackage.Id}} --add-source .     # once: the grader, from this kit, offline
            grader check {{problems[0].Id}}.public.yaml {{problems[0].Id}}.csx{{(problems[0].HasVariants ? " --student <your name>" : "")}}
            ```

            The check runs your script in the same sandbox as grading and tells you whether it is ready to submit: it
            compiles, every part is answered with a value of the right shape that is a finite number, every method is there
            with its signature and passes the public examples. It cannot tell you whether a value is right: this kit holds
            no answers, and values are graded when you submit. Exit code 0 means ready, 1 something to fix.
            {{(variants ? "\nSome problems give every student their own numbers, drawn from your name as the grader knows it: on Gradescope your\nemail address there, on GitHub Classroom your GitHub user name, otherwise as your instructor says. Pass it to `check`\nas `--student <name>`, and run `grader render <id>.public.yaml --student <name>` for the handout with your numbers.\n" : "")}}
            ## Writing your answers

            Each `<id>.csx` is a C# script: call `Answer("part-id", value)` for every part (a `double`, `int`, `double[]`,
            `double[,]` with rows first, or `double[][]`) and write each method the problem asks for with exactly the
            signature in the starter. Only `System`, `System.Linq`, `System.Collections.Generic` and `Math` are needed and
            allowed; files, the network, threads and reflection are refused.

            In VS Code, with the C# extension: C# scripts are read by OmniSharp, so set `"dotnet.server.useOmnisharp": true`
            in your settings once. The starters begin with `#load "grader.csx"`, which declares `Answer` for the editor
            (completion and errors work); keep `grader.csx` beside your scripts. The grader ignores that line.

            Submit the `.csx` files only.
            """ + "\n";
    }
}
