using Grader.Protocol;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Grader.Scripting;

/// <summary>
/// The static policy: before anything runs, every symbol the script names is checked against an allow-list
/// (Math, primitives, strings, arrays, collections, LINQ, Func/Action, tuples, the script's own types and
/// functions, Console.Write/WriteLine, Answer), and constructs that escape a type system check (unsafe code,
/// pointers, stackalloc, typeof, attributes, finalizers, dynamic, extern, #r and #load) are refused outright.
/// Aliases and <c>using static</c> are checked through the symbols they bind to.
/// Nothing may park work or memory outside the run: no <c>async</c>/<c>await</c> (an <c>async void</c> method
/// throws on a thread-pool thread after the run), no custom awaiters, no <c>string.Intern</c> (interned strings
/// outlive the load context), no exception types of the submission's own (their overridable Message and StackTrace
/// would run student code wherever a message is read). Linear in the size of the source: the tree's depth is
/// bounded before this runs (<see cref="SyntaxDepth"/>), and the walk stops at <see cref="MaxViolations"/>.
/// </summary>
public static class SourcePolicy
{
    private static readonly HashSet<string> AllowedNamespaces = ["System.Collections.Generic", "System.Linq", "System.Collections"];

    private static readonly HashSet<string> AllowedSystemTypes =
    [
        "Math", "MathF", "Double", "Single", "Int32", "Int64", "Int16", "UInt16", "UInt32", "UInt64", "Byte", "SByte",
        "Boolean", "Char", "String", "Decimal", "Object", "Array", "Void", "Random", "Console", "Index", "Range",
        "Nullable`1", "Tuple", "ValueType", "Enum", "StringComparison", "StringComparer", "MidpointRounding", "Comparison`1",
        "Predicate`1", "Converter`2", "IComparable", "IComparable`1", "IEquatable`1", "IFormattable", "IDisposable",
        "Span`1", "ReadOnlySpan`1", "Memory`1", "ReadOnlyMemory`1", "Delegate", "MulticastDelegate",
        "Exception", "ArgumentException", "ArgumentOutOfRangeException", "ArgumentNullException", "InvalidOperationException",
        "NotImplementedException", "NotSupportedException", "IndexOutOfRangeException", "DivideByZeroException",
        "ArithmeticException", "OverflowException", "FormatException", "KeyNotFoundException",
        "FormattableString",
    ];

    private static readonly HashSet<string> AllowedOtherTypes =
    [
        // Not CultureInfo: its static setters change the process for whoever runs next in a pooled worker. Not
        // DefaultInterpolatedStringHandler: it rents from the process's ArrayPool<char>.Shared, and copies of one handler
        // return the same array many times, for later strings of anyone's to be written into one buffer. $"..." needs
        // no name: the compiler's own use of it is vouched for in EmittedReferences.
        "System.Text.StringBuilder", "System.Runtime.CompilerServices.ITuple",
        "System.Numerics.INumber`1", "Grader.Runtime.SubmissionGlobals",
    ];

    /// <summary>Members refused on any type: they reach reflection, the runtime or the object's identity.</summary>
    private static readonly HashSet<string> DeniedMembers = ["GetType", "MemberwiseClone", "DynamicInvoke", "Method", "Target", "Finalize", "GetInvocationList", "CreateDelegate"];

    /// <summary>The walk stops after this many violations: the student sees the first ones and that there are more.</summary>
    public const int MaxViolations = ProtocolLimits.MaxDiagnostics;

    public static IReadOnlyList<SubmissionDiagnostic> Check(CSharpCompilation compilation, SyntaxTree tree) => Check(compilation, tree, out _);

    /// <param name="more">Violations found beyond the <see cref="MaxViolations"/> returned.</param>
    /// <param name="namesInCode">
    /// False: only what needs no binding of the code's bodies (constructs refused by their syntax, using directives,
    /// exception types declared), for the fast path of <see cref="ScriptCompiler.Compile"/>, where
    /// <see cref="EmittedReferences"/> then checks what the compiled code refers to. Its verdict is then partial: a
    /// violation found this way is reported after a whole check, never alone.
    /// </param>
    public static IReadOnlyList<SubmissionDiagnostic> Check(CSharpCompilation compilation, SyntaxTree tree, out int more, bool namesInCode = true)
    {
        var model = compilation.GetSemanticModel(tree);
        var root = tree.GetRoot();
        var found = new List<SubmissionDiagnostic>();
        var seen = new HashSet<(int, int)>();
        more = 0;
        var counted = 0;
        void Refuse(SyntaxNode node, string what)
        {
            var span = node.GetLocation().GetLineSpan();
            var at = (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1);
            if (!seen.Add(at))
            {
                return;
            }
            // Past the first violations only the count is kept: the walk itself stays linear.
            if (found.Count < MaxViolations)
            {
                found.Add(new SubmissionDiagnostic(span.Path, at.Item1, at.Item2, "GR0100", $"{what} is not allowed in a submission"));
            }
            else
            {
                counted++;
            }
        }

        foreach (var node in root.DescendantNodesAndSelf(descendIntoTrivia: true))
        {
            if (AsyncOrAwait(node) is { } asyncWhat)
            {
                Refuse(node, asyncWhat);
                continue;
            }
            switch (node)
            {
                case MethodDeclarationSyntax { Identifier.ValueText: "Answer" } or LocalFunctionStatementSyntax { Identifier.ValueText: "Answer" }:
                    // A script's own Answer hides the grader's: every answer would go nowhere, and the student not know why.
                    Refuse(node, "a method named Answer of the script's own (it hides the grader's Answer: delete it; the kit's grader.csx declares it for your editor only)");
                    continue;
                case MethodDeclarationSyntax { Identifier.ValueText: "GetAwaiter" } or LocalFunctionStatementSyntax { Identifier.ValueText: "GetAwaiter" }:
                    Refuse(node, "a custom awaiter (GetAwaiter)");
                    continue;
                case ClassDeclarationSyntax c when model.GetDeclaredSymbol(c) is { } declared && DerivesFromException(declared):
                    Refuse(node, "an exception type of the submission's own (throw a built-in one, such as ArgumentException)");
                    continue;
                case ReferenceDirectiveTriviaSyntax:
                    Refuse(node, "#r");
                    continue;
                case LoadDirectiveTriviaSyntax { File.ValueText: ScriptCompiler.EditorGlobals }:
                    // The kit's declarations for an editor: the compiler loads it as an empty text, and nothing else.
                    continue;
                case LoadDirectiveTriviaSyntax:
                    Refuse(node, $"#load (only #load \"{ScriptCompiler.EditorGlobals}\", the kit's declarations for your editor, is allowed)");
                    continue;
                case UnsafeStatementSyntax:
                    Refuse(node, "unsafe code");
                    continue;
                case PointerTypeSyntax or FunctionPointerTypeSyntax:
                    Refuse(node, "a pointer type");
                    continue;
                case StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax:
                    Refuse(node, "stackalloc");
                    continue;
                case FixedStatementSyntax:
                    Refuse(node, "fixed");
                    continue;
                case TypeOfExpressionSyntax:
                    Refuse(node, "typeof (reflection)");
                    continue;
                case MakeRefExpressionSyntax or RefTypeExpressionSyntax or RefValueExpressionSyntax:
                    Refuse(node, "__makeref/__reftype/__refvalue");
                    continue;
                case AttributeListSyntax:
                    Refuse(node, "an attribute");
                    continue;
                case DestructorDeclarationSyntax:
                    Refuse(node, "a finalizer");
                    continue;
                case MemberDeclarationSyntax m when m.Modifiers.Any(t => t.IsKind(SyntaxKind.ExternKeyword) || t.IsKind(SyntaxKind.UnsafeKeyword)):
                    Refuse(node, "an extern or unsafe member");
                    continue;
                case LocalFunctionStatementSyntax f when f.Modifiers.Any(t => t.IsKind(SyntaxKind.ExternKeyword) || t.IsKind(SyntaxKind.UnsafeKeyword)):
                    Refuse(node, "an extern or unsafe function");
                    continue;
            }
            if (node is not (ExpressionSyntax or UsingDirectiveSyntax) || node is OmittedArraySizeExpressionSyntax
                || (!namesInCode && node is not UsingDirectiveSyntax))
            {
                continue;
            }
            if (node is UsingDirectiveSyntax u)
            {
                var target = u.Alias is not null ? model.GetDeclaredSymbol(u) is IAliasSymbol a ? a.Target : null : model.GetSymbolInfo(u.NamespaceOrType).Symbol;
                if (target is not null && Why(target) is { } reason)
                {
                    Refuse(u, reason);
                }
                continue;
            }
            var info = model.GetSymbolInfo(node);
            var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
            // In System.IO.File the namespaces are only the way to File: report the type, once.
            // (When what the namespace leads to does not resolve, the namespace is all there is to name.)
            if (symbol is INamespaceSymbol && node.Parent is QualifiedNameSyntax or MemberAccessExpressionSyntax
                && model.GetSymbolInfo(node.Parent).Symbol is { } next && next is not IErrorTypeSymbol)
            {
                continue;
            }
            if (symbol is not null && Why(symbol) is { } why)
            {
                Refuse(node, why);
                continue;
            }
            var type = model.GetTypeInfo(node).Type;
            if (type is not null && Why(type) is { } whyType)
            {
                Refuse(node, whyType);
            }
        }
        more = counted;
        return found;
    }

    /// <summary>Why a symbol is refused, or null when it is allowed.</summary>
    private static string? Why(ISymbol symbol)
    {
        switch (symbol)
        {
            case IAliasSymbol alias:
                return Why(alias.Target);
            case ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or ILabelSymbol or IDiscardSymbol or ITypeParameterSymbol:
                return null;
            case INamespaceSymbol ns:
                var name = ns.ToDisplayString();
                return ns.IsGlobalNamespace || name is "System" or "System.Text" || AllowedNamespaces.Contains(name)
                    ? null : $"`{name}`";
            case IErrorTypeSymbol:
                // The compiler has already reported whatever this is; nothing of it can run.
                return null;
            case IDynamicTypeSymbol:
                return "dynamic";
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return "a pointer type";
            case IArrayTypeSymbol array:
                return Why(array.ElementType);
            case INamedTypeSymbol type:
                if (type.IsTupleType)
                {
                    return type.TupleElements.Select(e => Why(e.Type)).FirstOrDefault(w => w is not null);
                }
                if (IsSource(type))
                {
                    return null;
                }
                var def = type.OriginalDefinition;
                var ns2 = def.ContainingNamespace?.ToDisplayString() ?? "";
                var full = ns2.Length == 0 ? def.MetadataName : $"{ns2}.{def.MetadataName}";
                if (!IsAllowedType(ns2, def.MetadataName))
                {
                    return $"`{full.Split('`')[0]}`";
                }
                return type.TypeArguments.Select(Why).FirstOrDefault(w => w is not null);
            case IMethodSymbol or IPropertySymbol or IFieldSymbol or IEventSymbol:
                if (IsSource(symbol))
                {
                    return null;
                }
                var container = symbol.ContainingType;
                if (WhyMember(container?.ToDisplayString(), container?.Name, symbol.Name) is { } whyMember)
                {
                    return whyMember;
                }
                return container is null ? null : Why(container);
            default:
                return IsSource(symbol) ? null : $"`{symbol.ToDisplayString()}`";
        }
    }

    /// <summary>
    /// A type of a referenced assembly that a submission may name, by its namespace and metadata name (<c>Func`2</c>);
    /// one rule for the symbols named in the source and for the references in the compiled code.
    /// </summary>
    internal static bool IsAllowedType(string ns, string metadataName)
    {
        var name = metadataName.Split('`')[0];
        return (ns == "System" && (AllowedSystemTypes.Contains(metadataName) || name is "Func" or "Action" or "ValueTuple" or "Tuple"))
            || AllowedOtherTypes.Contains(ns.Length == 0 ? metadataName : $"{ns}.{metadataName}")
            || AllowedNamespaces.Contains(ns);
    }

    /// <summary>A namespace whose every type a submission may name (System.Linq, System.Collections.Generic, ...).</summary>
    internal static bool IsAllowedNamespace(string ns) => AllowedNamespaces.Contains(ns);

    /// <summary>
    /// Why a member of a referenced type is refused by its name (reflection, the console beyond writing, interning,
    /// the globals beyond Answer), or null; its type is checked apart. <paramref name="container"/> is the type's full
    /// name, <paramref name="shortName"/> its name.
    /// </summary>
    internal static string? WhyMember(string? container, string? shortName, string member)
    {
        if (DeniedMembers.Contains(member))
        {
            return $"`{shortName}.{member}` (reflection)";
        }
        return container switch
        {
            null => null,
            "System.Console" when member is not ("Write" or "WriteLine") => $"`Console.{member}` (only Console.Write and Console.WriteLine are)",
            "string" or "System.String" when member is "Intern" or "IsInterned" => $"`string.{member}` (interned strings outlive the run)",
            "Grader.Runtime.SubmissionGlobals" when member != "Answer" => $"`{member}`",
            _ => null,
        };
    }

    /// <summary>async methods, lambdas and local functions, await, await foreach and await using.</summary>
    private static string? AsyncOrAwait(SyntaxNode node) => node switch
    {
        AwaitExpressionSyntax => "await",
        CommonForEachStatementSyntax f when f.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword) => "await foreach",
        UsingStatementSyntax u when u.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword) => "await using",
        LocalDeclarationStatementSyntax l when l.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword) => "await using",
        MemberDeclarationSyntax m when m.Modifiers.Any(t => t.IsKind(SyntaxKind.AsyncKeyword)) => "an async method",
        LocalFunctionStatementSyntax f when f.Modifiers.Any(t => t.IsKind(SyntaxKind.AsyncKeyword)) => "an async function",
        AnonymousFunctionExpressionSyntax a when a.Modifiers.Any(t => t.IsKind(SyntaxKind.AsyncKeyword)) => "an async lambda",
        _ => null,
    };

    private static bool DerivesFromException(INamedTypeSymbol type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.ToDisplayString() == "System.Exception")
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsSource(ISymbol s) => s.Locations.Any(l => l.IsInSource);

}
