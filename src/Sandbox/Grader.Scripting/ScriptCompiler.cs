using System.Collections.Immutable;
using Grader.Protocol;
using Grader.Runtime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace Grader.Scripting;

/// <summary>
/// Runs only inside the sandboxed worker. Compiles a submission script with Roslyn's script compilation (top-level statements and methods, with
/// <see cref="SubmissionGlobals"/> as its globals) to an in-memory assembly. CSharpScript is not used: it keeps
/// every script assembly loaded for the life of the process.
/// </summary>
public static class ScriptCompiler
{
    /// <summary>The framework's assemblies a submission is compiled against.</summary>
    internal static readonly string[] ReferenceNames =
    [
        "System.Private.CoreLib", "System.Runtime", "System.Linq", "System.Collections", "System.Console",
        "System.Runtime.Extensions", "System.Collections.Immutable", "netstandard",
    ];

    /// <summary>The one file a script may <c>#load</c>: the student kit's declarations for an editor, loaded as an empty text.</summary>
    public const string EditorGlobals = "grader.csx";

    public static readonly ImmutableArray<string> DefaultUsings = ["System", "System.Linq", "System.Collections.Generic"];

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var tpa = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var refs = tpa.Where(p => ReferenceNames.Contains(Path.GetFileNameWithoutExtension(p)))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
        refs.Add(MetadataReference.CreateFromFile(typeof(SubmissionGlobals).Assembly.Location));
        return [.. refs];
    });

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    public static SyntaxTree Parse(string source, string file) =>
        CSharpSyntaxTree.ParseText(Microsoft.CodeAnalysis.Text.SourceText.From(source, System.Text.Encoding.UTF8), ParseOptions, file);

    private static readonly Lazy<CSharpCompilation> Template = new(() =>
    {
        var empty = CSharpCompilation.CreateScriptCompilation(
            "submission",
            syntaxTree: null,
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                // Debug code keeps the sequence points of the top level's state machine, so an exception there
                // names its line; homework code is small enough that the slower code does not matter.
                optimizationLevel: OptimizationLevel.Debug,
                allowUnsafe: false,
                // One thread: the worker runs one submission at a time, and a compiler that leaves no work on the
                // thread pool lets the worker prove afterwards that the submission left none either.
                concurrentBuild: false,
                usings: DefaultUsings,
                // #r reaches nothing; #load reaches only the kit's editor declarations, as an empty file.
                metadataReferenceResolver: null,
                sourceReferenceResolver: EditorGlobalsOnly.Instance),
            globalsType: typeof(SubmissionGlobals));
        // Binds the references now: every compilation made from this one shares them (and the symbols read from them).
        _ = empty.GetTypeByMetadataName("System.Math");
        return empty;
    });

    /// <summary>
    /// A submission's compilation: the template with its one tree. Every compilation shares the template's bound
    /// references and the symbols read from them (the names the policy and the compiler look up in the framework),
    /// so none binds its references again. The assembly's name is the same for all: each loads into a load context
    /// of its own.
    /// </summary>
    public static CSharpCompilation CreateCompilation(SyntaxTree tree) => Template.Value.AddSyntaxTrees(tree);

    /// <summary>Bounds, parse, depth, policy, compile, emit. <paramref name="file"/> names the student's file in messages.</summary>
    /// <param name="fastPolicy">False: the policy's whole check runs first, for every submission (the tests compare the two).</param>
    public static CompileResult Compile(string source, string file, bool applyPolicy = true, bool fastPolicy = true)
    {
        if (SourceBounds.Check(source, file) is { } tooBig)
        {
            return new CompileResult(null, CompileResult.Rejected, [tooBig]);
        }
        var tree = Parse(source, file);
        if (tree.GetCompilationUnitRoot().Members.Count == 0)
        {
            // Roslyn emits no script at all from one with no code (only comments, usings or #load): it fails without an
            // error. An empty statement at the end makes it a script that answers nothing, as it is (lines unchanged).
            tree = Parse(source + "\n;", file);
        }
        if (SyntaxDepth.Check(tree, file) is { } tooDeep)
        {
            return new CompileResult(null, CompileResult.Rejected, [tooDeep]);
        }
        var compilation = CreateCompilation(tree);
        // The policy's verdict comes before the compiler's: unsafe code or dynamic is refused by name, not reported as
        // a compiler error. Its fast path checks first what needs no binding of the code (constructs refused by their
        // syntax, using directives), compiles, and then reads what the compiled code refers to (EmittedReferences):
        // when all of it is allowed, nothing the whole check refuses can run, and the whole check (a second binding of
        // the script) is skipped. Whenever either finds anything, the whole check decides, as it always did.
        var fast = applyPolicy && fastPolicy && EmittedReferences.SourceMayTakeFastPath(tree)
            && SourcePolicy.Check(compilation, tree, out _, namesInCode: false).Count == 0;
        if (applyPolicy && !fast && Refused(compilation, tree) is { } refusedEarly)
        {
            return refusedEarly;
        }
        // Emit binds and reports every error itself: asking GetDiagnostics first would bind the whole script a
        // second time (about an eighth of a warm compile).
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var emit = compilation.Emit(pe, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
        var bytes = emit.Success ? pe.ToArray() : null;
        // Unreachable code (CS0162) is left out of the assembly: what it names is for the whole check to judge.
        if (fast && (bytes is null || emit.Diagnostics.Any(d => d.Id == "CS0162") || EmittedReferences.FirstUnvouched(bytes) is not null)
            && Refused(compilation, tree) is { } refused)
        {
            return refused;
        }
        if (bytes is null)
        {
            var errors = emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            return Bounded(CompileResult.CompileError, errors.Take(ProtocolLimits.MaxDiagnostics).Select(ToDiagnostic).ToList(), errors.Count - ProtocolLimits.MaxDiagnostics);
        }
        return new CompileResult(bytes, CompileResult.Compiled, []) { Symbols = pdb.ToArray() };
    }

    /// <summary>The whole check of the policy: its violations as the result, or null when there are none.</summary>
    private static CompileResult? Refused(CSharpCompilation compilation, SyntaxTree tree)
    {
        var violations = SourcePolicy.Check(compilation, tree, out var more);
        return violations.Count > 0 ? Bounded(CompileResult.Rejected, violations, more) : null;
    }

    private static CompileResult Bounded(string status, IReadOnlyList<SubmissionDiagnostic> errors, int more) =>
        new(null, status, errors.Take(ProtocolLimits.MaxDiagnostics).ToList()) { MoreErrors = Math.Max(0, more) + Math.Max(0, errors.Count - ProtocolLimits.MaxDiagnostics) };

    internal static SubmissionDiagnostic ToDiagnostic(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        // A compiler message quotes the student's identifiers and literals: bounded like any student text.
        return new SubmissionDiagnostic(span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, d.Id,
            ProtocolLimits.Cut(d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), 300));
    }

    /// <summary>
    /// Resolves <c>#load "grader.csx"</c> (the student kit's declarations of the script's globals, for an editor) to an
    /// empty text, and nothing else: every other <c>#load</c> stays an error, and no file is ever read.
    /// </summary>
    private sealed class EditorGlobalsOnly : SourceReferenceResolver
    {
        private const string FileName = EditorGlobals;

        public static readonly EditorGlobalsOnly Instance = new();

        public override bool Equals(object? other) => ReferenceEquals(this, other);

        public override int GetHashCode() => FileName.GetHashCode(StringComparison.Ordinal);

        public override string? NormalizePath(string path, string? baseFilePath) => path == FileName ? path : null;

        public override string? ResolveReference(string path, string? baseFilePath) => path == FileName ? path : null;

        public override Stream OpenRead(string resolvedPath) =>
            resolvedPath == FileName ? new MemoryStream([], writable: false) : throw new FileNotFoundException("only grader.csx can be loaded", resolvedPath);
    }
}
