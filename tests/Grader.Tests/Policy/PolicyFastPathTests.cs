using Grader.Scripting;

namespace Grader.Tests.Policy;

/// <summary>
/// The policy's fast path (<see cref="EmittedReferences"/>: the compiled code's references instead of a second
/// binding of every name) must never change a verdict: every shipped submission, every attack of the hostile suite and
/// a set of everyday constructs get the same status and the same messages with it as with the whole check run first.
/// Real Roslyn compiles, in process.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public class PolicyFastPathTests
{
    private static string Constructs => Repo.Path("tests", "Grader.Tests", "Policy", "constructs");

    /// <summary>Attacks whose compile only ends under the worker's limits (time, heap) are left to the hostile suite.</summary>
    private static bool NeedsTheWorkersLimits(string file) =>
        File.ReadLines(file).TakeWhile(l => l.StartsWith("//", StringComparison.Ordinal))
            .Any(l => l.Contains("reason: compiling did not finish", StringComparison.Ordinal) || l.Contains("reason: rejected before running: compiling", StringComparison.Ordinal));

    public static IEnumerable<TestCaseData> Corpus()
    {
        var files = Directory.EnumerateFiles(Repo.Path("submissions"), "*.csx", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Repo.Path("tests", "Grader.Tests", "Hostile", "submissions"), "*.csx"))
            .Concat(Directory.EnumerateFiles(Repo.Path("tests", "Grader.Tests", "Hostile", "runtime"), "*.csx"))
            .Concat(Directory.EnumerateFiles(Constructs, "*.csx"))
            .Concat(Directory.EnumerateFiles(Repo.Path("tests", "Grader.Tests", "Policy", "divergences"), "*.csx"))
            .Where(f => !NeedsTheWorkersLimits(f))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var name = Path.GetRelativePath(Repo.Root, file);
            yield return new TestCaseData(name).SetName("SameVerdict_" + name.Replace('/', '_').Replace(".csx", "", StringComparison.Ordinal));
        }
    }

    [TestCaseSource(nameof(Corpus))]
    public void TheFastPathGivesTheWholeChecksVerdict(string relative)
    {
        var source = File.ReadAllText(Repo.Path(relative.Split('/')));
        var file = Path.GetFileName(relative);

        var fast = RunWithBigStack(() => ScriptCompiler.Compile(source, file));
        var whole = RunWithBigStack(() => ScriptCompiler.Compile(source, file, fastPolicy: false));

        Assert.That(fast.Status, Is.EqualTo(whole.Status));
        Assert.That(fast.Errors, Is.EqualTo(whole.Errors));
        Assert.That(fast.MoreErrors, Is.EqualTo(whole.MoreErrors));
        Assert.That(fast.Assembly is null, Is.EqualTo(whole.Assembly is null));
    }

    [Test]
    public void TheShippedSubmissionsAndEverydayConstructsTakeTheFastPath()
    {
        var files = Directory.EnumerateFiles(Repo.Path("submissions"), "*.csx", SearchOption.AllDirectories)
            .Concat(new[] { "everyday.csx", "implement-style.csx", "class-event-indexer.csx", "multi-rank.csx" }.Select(f => Path.Combine(Constructs, f)));
        var compiled = 0;
        foreach (var file in files)
        {
            var source = File.ReadAllText(file);
            var result = ScriptCompiler.Compile(source, Path.GetFileName(file));
            if (result.Assembly is { } assembly)
            {
                compiled++;
                Assert.That(EmittedReferences.SourceMayTakeFastPath(ScriptCompiler.Parse(source, file)), Is.True, file);
                Assert.That(EmittedReferences.FirstUnvouched(assembly), Is.Null, file);
            }
        }
        Assert.That(compiled, Is.GreaterThan(20), "the shipped submissions and constructs that compile");
    }

    [TestCase("query-lock-switch.csx", "System.Threading.Monitor")]
    [TestCase("record-and-iterator.csx", "System.Type")]
    public void AHelperOfTheCompilersOutsideTheListIsLeftToTheWholeCheck(string file, string helper)
    {
        var result = ScriptCompiler.Compile(File.ReadAllText(Path.Combine(Constructs, file)), file);

        Assert.That(result.Status, Is.EqualTo(CompileResult.Compiled), "the whole check allows it: nothing in the source names it");
        Assert.That(EmittedReferences.FirstUnvouched(result.Assembly!), Is.EqualTo(helper));
    }

    [TestCase("var t = System.IO.File.ReadAllText(\"/etc/passwd\");", "System.IO.File")]
    [TestCase("var line = Console.ReadLine();", "System.Console::ReadLine")]
    [TestCase("var s = string.Intern(\"x\");", "System.String::Intern")]
    [TestCase("Func<int> f = () => 1; var target = f.Target;", "System.Delegate::get_Target")]
    [TestCase("object o = 1; var t = o.GetType();", "System.Type")]
    [TestCase("Func<string, string> f = string.Intern;", "System.String::Intern")]
    [TestCase("var e = \"abc\".GetEnumerator();", "System.CharEnumerator")]
    [TestCase("object o = \"abc\".GetEnumerator();", "System.CharEnumerator")]
    [TestCase("var xs = new List<System.IO.FileInfo>();", "System.IO.FileInfo")]
    [TestCase("T Id<T>(T x) where T : System.IO.Stream => x;", "System.IO.Stream")]
    [TestCase("class Mine : System.IO.MemoryStream { }", "System.IO.MemoryStream")]
    // The compiler's own types are vouched for with the members the compiler calls, and no others.
    [TestCase("var b = System.Runtime.CompilerServices.AsyncTaskMethodBuilder<int>.Create(); b.SetResult(1); var r = b.Task.Result;", "System.Threading.Tasks.Task`1::get_Result")]
    [TestCase("int x = 0; System.Threading.Interlocked.Increment(ref x);", "System.Threading.Interlocked::Increment")]
    public void WhatTheCompiledCodeReachesIsNamed(string code, string reference)
    {
        // Without the policy, so that the reference is compiled and can be read back.
        var result = ScriptCompiler.Compile(code, "attack.csx", applyPolicy: false);

        Assert.That(result.Assembly, Is.Not.Null, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.That(EmittedReferences.FirstUnvouched(result.Assembly!), Is.EqualTo(reference));
        // And with the policy the whole check refuses it, whatever the fast path found.
        Assert.That(ScriptCompiler.Compile(code, "attack.csx").Status, Is.EqualTo(CompileResult.Rejected));
    }

    /// <summary>
    /// The one difference left, and why it is harmless: a constant of a type the policy refuses, named without
    /// <c>System</c>, is a number the compiler computes; no code of that type is in the assembly, so the fast path
    /// accepts what the whole check refuses by name. src/Sandbox/README.md, the threat model.
    /// </summary>
    [TestCase("Answer(\"a\", (int)ConsoleColor.Red);")]
    [TestCase("Answer(\"a\", (int)DayOfWeek.Monday);")]
    public void AConstantOfARefusedTypeIsTheOneDifference(string code)
    {
        var fast = ScriptCompiler.Compile(code, "constant.csx");
        var whole = ScriptCompiler.Compile(code, "constant.csx", fastPolicy: false);

        Assert.That(whole.Status, Is.EqualTo(CompileResult.Rejected));
        Assert.That(fast.Status, Is.EqualTo(CompileResult.Compiled));
        Assert.That(EmittedReferences.FirstUnvouched(fast.Assembly!), Is.Null, "nothing of the type is referenced");
    }

    [TestCase("var t = System.Text.StringBuilder.Equals(1, 1);")]
    [TestCase("var n = nameof(Math);")]
    [TestCase("var n = nameof(Environment);")]
    [TestCase("double F(double x) => x; var n = nameof(F);")]
    [TestCase("nint n = 1;")]
    [TestCase("var d = default(double);")]
    [TestCase("var builder = 1; var Task = builder;")]
    public void NamesThatMayLeaveNoReferenceSendTheSourceToTheWholeCheck(string code)
    {
        Assert.That(EmittedReferences.SourceMayTakeFastPath(ScriptCompiler.Parse(code, "names.csx")), Is.False);
    }

    [TestCase("double F(double x) => x < 0 ? throw new ArgumentException(\"negative\", nameof(x)) : x;")]
    [TestCase("var w = 1.0; var n = nameof(w);")]
    public void NameofOfTheSubmissionsOwnVariableStaysOnTheFastPath(string code)
    {
        Assert.That(EmittedReferences.SourceMayTakeFastPath(ScriptCompiler.Parse(code, "names.csx")), Is.True);
    }

    [Test]
    public void NativeCodeIsNeverOnTheFastPath()
    {
        var code = "[System.Runtime.InteropServices.DllImport(\"libc\")] static extern int getpid();\nAnswer(\"x\", getpid());";

        var result = ScriptCompiler.Compile(code, "native.csx", applyPolicy: false);

        Assert.That(EmittedReferences.FirstUnvouched(result.Assembly!), Is.EqualTo("native code"));
    }

    /// <summary>The compiler recurses as deep as the code nests: the worker compiles on a large stack too.</summary>
    private static T RunWithBigStack<T>(Func<T> work)
    {
        T result = default!;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception ex)
            {
                error = ex;
            }
        }, 256 * 1024 * 1024);
        thread.Start();
        thread.Join();
        return error is null ? result : throw new InvalidOperationException("the compile threw", error);
    }
}
