using System.Text.RegularExpressions;

namespace Grader.Tests.Cli;

/// <summary>
/// The compile cache through the real executable: a regrade after a spec fix compiles nothing and grades exactly as
/// a grade without any cache; a damaged entry is a miss, never a wrong grade.
/// </summary>
public class CompileCacheTests
{
    [Test]
    public void Regrade_AfterASpecFix_CompilesNothing_AndGradesAsAFreshGrade()
    {
        var root = Path.Combine(Path.GetTempPath(), "grader-cc-" + Guid.NewGuid().ToString("N")[..8]);
        var problems = Directory.CreateDirectory(Path.Combine(root, "problems")).FullName;
        var submissions = Path.Combine(root, "submissions");
        var spec = Path.Combine(problems, "squared-norm.yaml");
        File.Copy(Path.Combine(Repo.Root, "problems/dl-a1/squared-norm.yaml"), spec);
        foreach (var student in new[] { "all-correct", "write-up-mistakes" })
        {
            Directory.CreateDirectory(Path.Combine(submissions, student));
            File.Copy(Path.Combine(Repo.Root, "submissions", student, "squared-norm.csx"), Path.Combine(submissions, student, "squared-norm.csx"));
        }
        Directory.CreateDirectory(Path.Combine(submissions, "broken"));
        File.WriteAllText(Path.Combine(submissions, "broken", "squared-norm.csx"), "Answer(\"a-gradient\", new double[] { 2, -4, 6 }\n");
        var output = Path.Combine(root, "out");
        try
        {
            var first = CliRunner.Run("grade", problems, submissions, "--out", output, "--quiet");
            Assert.That(first.Stdout, Does.Contain(": 0 compiled before, 2 kept now"), first.Stdout + first.Stderr);
            var maxBefore = Field(output, "all-correct", "max_score");

            // The instructor fixes a part's points: every report is regraded, and nothing is compiled.
            File.WriteAllText(spec, File.ReadAllText(spec).Replace("    points: 1\n", "    points: 4\n", StringComparison.Ordinal));
            var second = CliRunner.Run("grade", problems, submissions, "--out", output, "--quiet");
            Assert.That(second.Stdout, Does.Contain("3 graded now, 0 resumed"), second.Stdout);
            Assert.That(second.Stdout, Does.Contain(": 2 compiled before, 0 kept now"), second.Stdout);
            var fresh = Path.Combine(root, "fresh");
            CliRunner.Run("grade", problems, submissions, "--out", fresh, "--quiet");
            foreach (var student in new[] { "all-correct", "write-up-mistakes", "broken" })
            {
                var cached = File.ReadAllText(Path.Combine(output, student, "squared-norm.json"));
                Assert.That(cached, Is.EqualTo(File.ReadAllText(Path.Combine(fresh, student, "squared-norm.json"))), student);
            }
            Assert.That(Field(output, "all-correct", "max_score"), Is.Not.EqualTo(maxBefore), "the fixed spec was graded");

            // A damaged entry (a disk error, an edit) is a miss: compiled again, graded the same.
            var entry = Directory.EnumerateFiles(Path.Combine(output, ".grader-cache", "compiled"), "*.bin").First();
            var bytes = File.ReadAllBytes(entry);
            bytes[^1] ^= 0xff;
            File.WriteAllBytes(entry, bytes);
            File.WriteAllText(spec, File.ReadAllText(spec).Replace("    points: 4\n", "    points: 3\n", StringComparison.Ordinal));
            var third = CliRunner.Run("grade", problems, submissions, "--out", output, "--quiet");
            Assert.That(third.Stdout, Does.Contain(": 1 compiled before, 1 kept now"), third.Stdout);
            foreach (var student in new[] { "all-correct", "write-up-mistakes" })
            {
                Assert.That(Field(output, student, "status"), Is.EqualTo("graded"), student + " after the damaged entry");
            }
            Assert.That(Field(output, "all-correct", "score"), Is.EqualTo(Field(output, "all-correct", "max_score")), "all-correct still earns everything");
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    /// <summary>
    /// A compiled submission is the worker's output, so it is kept for one build of the grader only: a copy of the build
    /// finds its own entries again, and the same copy rebuilt (an assembly written anew) finds none of them.
    /// </summary>
    [Test]
    public void Regrade_ByAnotherBuildOfTheGrader_CompilesAgain()
    {
        var root = Path.Combine(Path.GetTempPath(), "grader-cc-build-" + Guid.NewGuid().ToString("N")[..8]);
        var build = Path.Combine(root, "build");
        foreach (var file in Directory.EnumerateFiles(CliRunner.GraderBuild, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(build, Path.GetRelativePath(CliRunner.GraderBuild, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        var problems = Directory.CreateDirectory(Path.Combine(root, "problems")).FullName;
        var spec = Path.Combine(problems, "squared-norm.yaml");
        File.Copy(Path.Combine(Repo.Root, "problems/dl-a1/squared-norm.yaml"), spec);
        var submissions = Directory.CreateDirectory(Path.Combine(root, "submissions", "all-correct")).Parent!.FullName;
        File.Copy(Path.Combine(Repo.Root, "submissions/all-correct/squared-norm.csx"), Path.Combine(submissions, "all-correct", "squared-norm.csx"));
        var output = Path.Combine(root, "out");
        string Regrade(int points)
        {
            // A spec fix: every report is graded again, so the cache is asked for every submission.
            File.WriteAllText(spec, Regex.Replace(File.ReadAllText(spec), "    points: [0-9]+\n", $"    points: {points}\n"));
            var r = CliRunner.RunProgram("dotnet", [Path.Combine(build, "grader.dll"), "grade", problems, submissions, "--out", output, "--quiet"], Repo.Root);
            Assert.That(r.ExitCode, Is.EqualTo(0), r.Stdout + r.Stderr);
            return r.Stdout;
        }
        try
        {
            Assert.That(Regrade(2), Does.Contain(": 0 compiled before, 1 kept now"));
            Assert.That(Regrade(3), Does.Contain(": 1 compiled before, 0 kept now"), "the same build finds its entry");

            // A rebuild writes the assemblies anew.
            File.SetLastWriteTimeUtc(Path.Combine(build, "plain-worker", "Grader.Scripting.dll"), DateTime.UtcNow.AddMinutes(1));
            Assert.That(Regrade(4), Does.Contain(": 0 compiled before, 1 kept now"), "another build compiles again");
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    [Test]
    public void Trim_OverItsLimit_RemovesTheEntriesUsedLongestAgo_AndKeepsOneJustFound()
    {
        var folder = Path.Combine(Path.GetTempPath(), "grader-cc-trim-" + Guid.NewGuid().ToString("N")[..8]);
        // Five entries of 1,036 bytes on disk each (hash, length, 1,000 bytes), written ten to six minutes ago.
        var cache = new Grader.Grading.Execution.CompileCache(folder) { MaxBytes = 4000 };
        var keys = Enumerable.Range(0, 5).Select(i => cache.Key($"Answer(\"a\", {i});", "s.csx", true)).ToList();
        try
        {
            for (var i = 0; i < keys.Count; i++)
            {
                cache.Put(keys[i], Enumerable.Repeat((byte)i, 1000).ToArray(), null);
                File.SetLastWriteTimeUtc(Path.Combine(folder, keys[i] + ".bin"), DateTime.UtcNow.AddMinutes(i - 10));
            }
            // The oldest is found by a regrade: used now, so it is the last to go.
            Assert.That(cache.Get(keys[0])?.Assembly, Is.EqualTo(Enumerable.Repeat((byte)0, 1000).ToArray()));

            // 5,180 bytes over a limit of 4,000: removed down to 3,000, the longest unused first.
            Assert.That(cache.Trim(), Is.EqualTo(3));
            Assert.That(keys.Select(k => cache.Get(k) is not null), Is.EqualTo(new[] { true, false, false, false, true }));
            Assert.That(cache.Trim(), Is.EqualTo(0), "under the limit now: nothing more goes");
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    /// <summary>A top-level field of a student's report (the first occurrence: the report's own, before its parts).</summary>
    private static string Field(string output, string student, string name) =>
        Regex.Match(File.ReadAllText(Path.Combine(output, student, "squared-norm.json")), $"\"{name}\": \"?([^,\"\n]+)").Groups[1].Value;
}
