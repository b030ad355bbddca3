using System.Text.Json;
using Grader.Protocol;
using Grader.Runner;
using Grader.Scripting;

// The sandboxed side of grading: everything that touches a submission's text happens in this process.
// Protocol (length-prefixed frames on stdin/stdout): a RunRequest in; a CompileReply out, then a RunResult when
// the submission compiled. With --serve the worker first warms up and says it is ready, then after every
// submission proves that nothing of it is left (load context collected, no thread or thread-pool work, heap
// back near its baseline) and says it is ready again, or exits so that the grader starts a fresh one.
// The console goes nowhere: standard output carries only frames, even if a thread left behind prints.
var stdin = Console.OpenStandardInput();
var stdout = Console.OpenStandardOutput();
// The worker's own notes to the grader (why it exits) go on a private stream; Console.Error goes nowhere.
var notes = new StreamWriter(Console.OpenStandardError()) { AutoFlush = true };
Console.SetOut(TextWriter.Null);
Console.SetError(TextWriter.Null);
var serve = args.Contains("--serve");
// An exception nobody caught, on any thread (an async void method that got past the policy, say): this process
// has run code outside the time-limited thread and ends now, before printing anything the submission wrote.
AppDomain.CurrentDomain.UnhandledException += (_, _) =>
{
    notes.WriteLine("worker recycled: an exception escaped on a thread of the submission's");
    Environment.Exit(4);
};
var defaultTopLevel = Millis("GRADER_TOPLEVEL_MS", 5000);
var defaultCompile = Millis("GRADER_COMPILE_MS", 10000);
// The heap may grow by this much over the warm baseline (compiler caches) before the worker counts as unclean.
var heapSlack = 64L * 1024 * 1024;

void Send<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
    Framing.Write(stdout, JsonSerializer.SerializeToUtf8Bytes(value, type));

long heapBaseline = 0;
var runs = 0;
if (serve)
{
    // From here on, a type initializer that fails or a heap that runs out, on any thread and whoever catches it, ends
    // this worker after the request it happens in (ProcessFaults).
    ProcessFaults.Watch();
    // Every static constructor the allow-list reaches, run before any student (a failed one stays failed for good).
    RuntimeWarmUp.Run();
    // Warm the compiler and the executor with a script of our own, so that the baseline is taken before any
    // student's code has run and the first student's compile is not also the compiler's first.
    // Values of every kind cross both ways once: a number, a value of 3 axes and a jagged one.
    var warm = new RunRequest("""
        Answer("warm", 1.0);
        Answer("warm3", new double[1, 1, 2]);
        Answer("warmj", new[] { new[] { 1.0, 2.0 } });
        double F(double x) => 2 * x;
        double[,,] G(double[][][] x, double[,,] y) => y;
        """, "warm-up.csx",
        [
            new CallRequest("f", 0, "F", ["double"], "double", [ValueDto.Scalar(1)]),
            new CallRequest("g", 0, "G", ["double[][][]", "double[,,]"], "double[,,]", [new ValueDto([1, 1, 2], [1, 2]), new ValueDto([1, 1, 2], [1, 2])]),
        ], 1000, 100);
    var compiled = SubmissionHost.Compile(warm, TimeSpan.FromSeconds(60), out _);
    SubmissionHost.Run(compiled, warm, TimeSpan.FromSeconds(10), out var warmContext);
    SubmissionHost.ProveClean(warmContext, SubmissionHost.Baseline.Now(), long.MaxValue / 2, 0);
    if (ProcessFaults.Seen is { } warmFault)
    {
        await notes.WriteLineAsync($"worker could not warm up: {warmFault}");
        return 5;
    }
    heapBaseline = GC.GetTotalMemory(forceFullCollection: true);
    Send(new ReadyReply(heapBaseline, 0), RunJson.Default.ReadyReply);
}

while (Framing.Read(stdin) is { } message)
{
    RunRequest request;
    try
    {
        request = JsonSerializer.Deserialize(message, RunJson.Default.RunRequest)!;
    }
    catch (JsonException)
    {
        return 3;
    }
    var compileLimit = TimeSpan.FromMilliseconds(request.CompileTimeoutMs > 0 ? request.CompileTimeoutMs : defaultCompile);
    var clock = System.Diagnostics.Stopwatch.StartNew();
    // What this worker's kind compiled from the same source before, if the grader kept it: nothing to compile.
    var stuck = false;
    var compiled = request.Compiled is { } cached
        ? new CompileResult(cached, CompileResult.Compiled, []) { Symbols = request.CompiledSymbols }
        : SubmissionHost.Compile(request, compileLimit, out stuck);
    var compileMs = clock.Elapsed.TotalMilliseconds;
    var reply = SubmissionHost.Reply(compiled);
    if (request.ReturnCompiled && request.Compiled is null && compiled.Assembly is { } bytes
        && bytes.Length + (compiled.Symbols?.Length ?? 0) <= CompileReply.MaxCompiledBytes)
    {
        reply = reply with { Assembly = bytes, Symbols = compiled.Symbols };
    }
    Send(reply, RunJson.Default.CompileReply);
    if (stuck)
    {
        // The compiler is still running on its thread: this process cannot be trusted with anyone else.
        Environment.Exit(0);
    }
    if (serve && compiled.Status != CompileResult.Compiled && ProcessFaults.Seen is { } compileFault)
    {
        // The compiler's own state (its caches, its types' initializers) may be what the fault left broken.
        await notes.WriteLineAsync($"worker recycled: {compileFault} (while compiling)");
        Environment.Exit(0);
    }
    WeakReference? context = null;
    var before = SubmissionHost.Baseline.Now();
    RunResult? result = null;
    if (compiled.Status == CompileResult.Compiled)
    {
        var topLevel = TimeSpan.FromMilliseconds(request.TopLevelTimeoutMs > 0 ? request.TopLevelTimeoutMs : defaultTopLevel);
        clock.Restart();
        result = SubmissionHost.Run(compiled, request, topLevel, out context);
        if (ProcessFaults.Seen is { } fault)
        {
            result = result with { Fault = fault };
        }
        Send(result, RunJson.Default.RunResult);
    }
    var runMs = clock.Elapsed.TotalMilliseconds;
    clock.Restart();
    if (!serve || result?.Faulted == true)
    {
        if (serve && result?.Fault is { } seen)
        {
            await notes.WriteLineAsync($"worker recycled: {seen}");
        }
        Environment.Exit(0);
    }
    var dirty = context is null
        ? (SubmissionHost.HeapAbove(heapBaseline + heapSlack) is null ? null : "the compiler's memory did not come back")
        : SubmissionHost.ProveClean(context, before, heapBaseline, heapSlack);
    if (dirty is not null)
    {
        // The grader's words only reach the instructor's log through the exit; the next student gets a fresh worker.
        await notes.WriteLineAsync($"worker recycled: {dirty}");
        Environment.Exit(0);
    }
    Send(new ReadyReply(GC.GetTotalMemory(false), ++runs) { CompileMs = compileMs, RunMs = context is null ? 0 : runMs, CleanMs = clock.Elapsed.TotalMilliseconds },
        RunJson.Default.ReadyReply);
}
return 0;

static int Millis(string name, int fallback) =>
    int.TryParse(Environment.GetEnvironmentVariable(name), out var ms) && ms > 0 ? ms : fallback;
