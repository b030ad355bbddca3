using System.Collections.Immutable;
using Grader.Runtime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace Grader.Scripting;

/// <summary>
/// Compiles a submission script with Roslyn's script compilation (top-level statements and methods, with
/// <see cref="SubmissionGlobals"/> as its globals) to an in-memory assembly. CSharpScript is not used: it keeps
/// every script assembly loaded for the life of the process.
/// </summary>
public static class ScriptCompiler
{
    private static readonly string[] ReferenceNames =
    [
        "System.Private.CoreLib", "System.Runtime", "System.Linq", "System.Collections", "System.Console",
        "System.Runtime.Extensions", "System.Collections.Immutable", "netstandard",
    ];

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

    public static CSharpCompilation CreateCompilation(SyntaxTree tree) =>
        CSharpCompilation.CreateScriptCompilation(
            "submission-" + Guid.NewGuid().ToString("N"),
            tree,
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                // Debug code keeps the sequence points of the top level's state machine, so an exception there
                // names its line; homework code is small enough that the slower code does not matter.
                optimizationLevel: OptimizationLevel.Debug,
                allowUnsafe: false,
                usings: DefaultUsings,
                // No resolvers: #r and #load cannot reach anything.
                metadataReferenceResolver: null,
                sourceReferenceResolver: null),
            globalsType: typeof(SubmissionGlobals));

    /// <summary>Bounds, parse, policy, compile, emit. <paramref name="file"/> names the student's file in messages.</summary>
    public static CompileResult Compile(string source, string file, bool applyPolicy = true)
    {
        if (SourceBounds.Check(source, file) is { } tooBig)
        {
            return new CompileResult(null, CompileResult.Rejected, [tooBig]);
        }
        var tree = Parse(source, file);
        var compilation = CreateCompilation(tree);
        // The policy runs first: unsafe code or dynamic is refused by name, not reported as a compiler error.
        if (applyPolicy)
        {
            var violations = SourcePolicy.Check(compilation, tree);
            if (violations.Count > 0)
            {
                return new CompileResult(null, CompileResult.Rejected, violations);
            }
        }
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(ToDiagnostic).ToList();
        if (errors.Count > 0)
        {
            return new CompileResult(null, CompileResult.CompileError, errors.Take(20).ToList());
        }
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var emit = compilation.Emit(pe, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
        if (!emit.Success)
        {
            return new CompileResult(null, CompileResult.CompileError,
                emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(ToDiagnostic).Take(20).ToList());
        }
        return new CompileResult(pe.ToArray(), CompileResult.Compiled, []) { Symbols = pdb.ToArray() };
    }

    internal static SubmissionDiagnostic ToDiagnostic(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        return new SubmissionDiagnostic(span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, d.Id,
            d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
