using System.Collections.Frozen;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Grader.Scripting;

/// <summary>
/// The fast path of the policy: what a compiled submission refers to, read from its metadata. Code can reach another
/// assembly only through a type or member reference, so when every one of them is something a submission may name
/// (<see cref="SourcePolicy.IsAllowedType"/>, <see cref="SourcePolicy.WhyMember"/>), or one of the few the compiler
/// itself needs for a script's top level (its state machine, array initialisers, its attributes), the code calls
/// nothing the policy would refuse, and the whole check of every name in the source (a second binding of the script,
/// about half of a warm compile) is not needed. Any other reference is not judged here: the whole check then decides,
/// exactly as without this path. Conservative by design: a reference this does not know only costs time.
/// </summary>
public static class EmittedReferences
{
    /// <summary>
    /// The compiler's own references in a script's assembly, with the members it calls on each. Each is harmless for a
    /// submission to call too: they create and complete the top level's task, start a state machine on the calling
    /// thread, copy constant data into an array, build a <c>$"..."</c> string, or construct an attribute. Nothing here schedules work (no
    /// AwaitOnCompleted), reads memory or reaches reflection.
    /// </summary>
    private static readonly FrozenDictionary<string, FrozenSet<string>> CompilerMembers = new Dictionary<string, FrozenSet<string>>
    {
        ["System.Runtime.CompilerServices.AsyncTaskMethodBuilder`1"] = Set("Create", "Start", "SetResult", "SetException", "get_Task", "SetStateMachine"),
        ["System.Runtime.CompilerServices.IAsyncStateMachine"] = Set("MoveNext", "SetStateMachine"),
        ["System.Threading.Tasks.Task`1"] = Set(),
        ["System.Runtime.CompilerServices.RuntimeHelpers"] = Set("InitializeArray", "GetSubArray"),
        // $"..." as a string: a handler in a local of the compiler's that no code of the submission can copy or reach.
        ["System.Runtime.CompilerServices.DefaultInterpolatedStringHandler"] = Set(".ctor", "AppendLiteral", "AppendFormatted", "ToStringAndClear"),
        ["System.RuntimeFieldHandle"] = Set(),
        ["System.Diagnostics.DebuggableAttribute"] = Set(".ctor"),
        ["System.Diagnostics.DebuggableAttribute/DebuggingModes"] = Set(),
        ["System.Diagnostics.DebuggerHiddenAttribute"] = Set(".ctor"),
        ["System.Diagnostics.DebuggerBrowsableAttribute"] = Set(".ctor"),
        ["System.Diagnostics.DebuggerBrowsableState"] = Set(),
        ["System.Diagnostics.DebuggerStepThroughAttribute"] = Set(".ctor"),
        ["System.Runtime.CompilerServices.CompilationRelaxationsAttribute"] = Set(".ctor"),
        ["System.Runtime.CompilerServices.RuntimeCompatibilityAttribute"] = Set(".ctor"),
        ["System.Runtime.CompilerServices.CompilerGeneratedAttribute"] = Set(".ctor"),
        ["System.Runtime.CompilerServices.NullableAttribute"] = Set(".ctor"),
        ["System.Runtime.CompilerServices.NullableContextAttribute"] = Set(".ctor"),
        ["System.Runtime.CompilerServices.RefSafetyRulesAttribute"] = Set(".ctor"),
        ["System.Runtime.CompilerServices.ExtensionAttribute"] = Set(".ctor"),
        ["System.Runtime.CompilerServices.TupleElementNamesAttribute"] = Set(".ctor"),
        ["System.Runtime.CompilerServices.IteratorStateMachineAttribute"] = Set(".ctor"),
        ["System.ParamArrayAttribute"] = Set(".ctor"),
        // An event's add and remove accessors: an atomic exchange of the submission's own field.
        ["System.Threading.Interlocked"] = Set("CompareExchange"),
        ["System.Reflection.DefaultMemberAttribute"] = Set(".ctor"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static FrozenSet<string> Set(params string[] names) => names.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// The first reference of <paramref name="assembly"/> that this path does not vouch for, described, or null when
    /// there is none. A description is for logs and tests: the whole check decides what the student is told.
    /// </summary>
    public static string? FirstUnvouched(byte[] assembly)
    {
        using var pe = new PEReader(new MemoryStream(assembly, writable: false));
        var md = pe.GetMetadataReader();
        // Native code and modules other than this one: never on the fast path.
        if (md.GetTableRowCount(TableIndex.ImplMap) > 0 || md.GetTableRowCount(TableIndex.ModuleRef) > 0)
        {
            return "native code";
        }
        foreach (var handle in md.MethodDefinitions)
        {
            var method = md.GetMethodDefinition(handle);
            if ((method.Attributes & MethodAttributes.PinvokeImpl) != 0
                || (method.ImplAttributes & (MethodImplAttributes.InternalCall | MethodImplAttributes.Native | MethodImplAttributes.Unmanaged)) != 0)
            {
                return "native code";
            }
        }
        foreach (var handle in md.TypeReferences)
        {
            if (!TypeVouched(md, handle, out var name))
            {
                return name;
            }
        }
        foreach (var handle in md.MemberReferences)
        {
            var member = md.GetMemberReference(handle);
            var name = md.GetString(member.Name);
            switch (Parent(md, member.Parent))
            {
                case null:
                    return $"a member {name} of an unknown kind of type";
                case ArrayType:
                    if (name is not ("Get" or "Set" or "Address" or ".ctor"))
                    {
                        return $"an array's {name}";
                    }
                    break;
                case OwnType:
                    // The runtime resolves a member of the submission's own type through its base types too: the names
                    // refused on any type are refused here as well.
                    if (RefusedByName(null, null, name))
                    {
                        return $"a member {name} of the submission's own type";
                    }
                    break;
                case var parent when !MemberVouched(parent, name):
                    return $"{parent}::{name}";
            }
        }
        return null;
    }

    private static bool TypeVouched(MetadataReader md, TypeReferenceHandle handle, out string name)
    {
        name = FullName(md, handle);
        if (CompilerMembers.ContainsKey(name))
        {
            return true;
        }
        var type = md.GetTypeReference(handle);
        // A nested type of another assembly's: only under a namespace that is allowed whole (List`1/Enumerator).
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            var outer = (TypeReferenceHandle)type.ResolutionScope;
            while (md.GetTypeReference(outer).ResolutionScope.Kind == HandleKind.TypeReference)
            {
                outer = (TypeReferenceHandle)md.GetTypeReference(outer).ResolutionScope;
            }
            return SourcePolicy.IsAllowedNamespace(md.GetString(md.GetTypeReference(outer).Namespace));
        }
        return type.ResolutionScope.Kind == HandleKind.AssemblyReference
            && SourcePolicy.IsAllowedType(md.GetString(type.Namespace), md.GetString(type.Name));
    }

    private static bool MemberVouched(string parent, string name)
    {
        if (CompilerMembers.TryGetValue(parent, out var members))
        {
            return members.Contains(name);
        }
        return !RefusedByName(parent, parent[(parent.LastIndexOfAny(['.', '/']) + 1)..], name);
    }

    /// <summary>
    /// Whether the policy refuses a member by its name, as compiled or as the source gives it (a property's or an
    /// event's accessor: get_Method is Method).
    /// </summary>
    private static bool RefusedByName(string? parent, string? shortName, string name)
    {
        var plain = name.StartsWith("get_", StringComparison.Ordinal) || name.StartsWith("set_", StringComparison.Ordinal) || name.StartsWith("add_", StringComparison.Ordinal) ? name[4..]
            : name.StartsWith("remove_", StringComparison.Ordinal) ? name[7..]
            : name;
        return SourcePolicy.WhyMember(parent, shortName, name) is not null || SourcePolicy.WhyMember(parent, shortName, plain) is not null;
    }

    /// <summary>What <see cref="Parent"/> returns for the submission's own types and for arrays.</summary>
    private const string OwnType = "\0own", ArrayType = "\0array";

    /// <summary>
    /// Names that keep a source off the fast path, because what they name may leave no reference in the compiled code
    /// or is vouched for only as the compiler's: <c>System</c> (a qualified name reaches any namespace, also as a
    /// constant or in code the compiler leaves out), <c>nameof</c>, native-sized integers (written as primitives,
    /// without a type reference), and the simple names of the compiler's own types above (so that a submission
    /// cannot call them itself). The whole check then decides.
    /// </summary>
    private static readonly FrozenSet<string> NamesForTheWholeCheck = CompilerMembers.Keys
        .Select(k => k[(k.LastIndexOfAny(['.', '/']) + 1)..].Split('`')[0])
        .Concat(["System", "nameof", "nint", "nuint", "IntPtr", "UIntPtr"])
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// True when no identifier of the source is one of <see cref="NamesForTheWholeCheck"/>, no <c>default(T)</c> is in
    /// it and the compiler cannot have left out any of its code without a warning (<see cref="FoldedCode"/>): a scan of
    /// the syntax, no binding.
    /// </summary>
    public static bool SourceMayTakeFastPath(SyntaxTree tree)
    {
        var root = tree.GetRoot();
        // Code the compiler may leave out without a warning (false ? X : 0) leaves no reference for this path to read.
        if (FoldedCode.MayLeaveOut(root))
        {
            return false;
        }
        HashSet<string>? declared = null;
        foreach (var t in root.DescendantTokens(descendIntoTrivia: true))
        {
            // default(T) of a reference type compiles to a null, naming nothing.
            if (t.IsKind(SyntaxKind.DefaultKeyword) && t.Parent is DefaultExpressionSyntax)
            {
                return false;
            }
            if (!t.IsKind(SyntaxKind.IdentifierToken) || !NamesForTheWholeCheck.Contains(t.ValueText))
            {
                continue;
            }
            // nameof(x) of the submission's own parameter or variable (an exception's argument name) names nothing else.
            if (t.ValueText == "nameof" && t.Parent?.Parent is InvocationExpressionSyntax { ArgumentList.Arguments: [{ Expression: IdentifierNameSyntax own }] })
            {
                declared ??= [.. root.DescendantNodes().Select(n => n switch
                {
                    ParameterSyntax p => p.Identifier.ValueText,
                    VariableDeclaratorSyntax v => v.Identifier.ValueText,
                    SingleVariableDesignationSyntax d => d.Identifier.ValueText,
                    _ => null,
                }).OfType<string>()];
                if (declared.Contains(own.Identifier.ValueText))
                {
                    continue;
                }
            }
            return false;
        }
        return true;
    }

    /// <summary>
    /// The full name of a member's type when it is another assembly's (its generic definition's, for an
    /// instantiation); <see cref="OwnType"/> for the submission's own type, <see cref="ArrayType"/> for an array; null for
    /// anything else.
    /// </summary>
    private static string? Parent(MetadataReader md, EntityHandle parent)
    {
        switch (parent.Kind)
        {
            case HandleKind.TypeReference:
                return FullName(md, (TypeReferenceHandle)parent);
            case HandleKind.TypeDefinition:
                return OwnType;
            case HandleKind.TypeSpecification:
                var blob = md.GetBlobReader(md.GetTypeSpecification((TypeSpecificationHandle)parent).Signature);
                var code = blob.ReadSignatureTypeCode();
                if (code is SignatureTypeCode.Array or SignatureTypeCode.SZArray)
                {
                    return ArrayType;
                }
                if (code != SignatureTypeCode.GenericTypeInstance)
                {
                    return null;
                }
                var kind = blob.ReadSignatureTypeCode();
                if (kind is not (SignatureTypeCode.TypeHandle or (SignatureTypeCode)0x11 or (SignatureTypeCode)0x12))
                {
                    return null;
                }
                var head = blob.ReadTypeHandle();
                return head.Kind switch
                {
                    HandleKind.TypeReference => FullName(md, (TypeReferenceHandle)head),
                    HandleKind.TypeDefinition => OwnType,
                    _ => null,
                };
            default:
                return null;
        }
    }

    private static string FullName(MetadataReader md, TypeReferenceHandle handle)
    {
        var type = md.GetTypeReference(handle);
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return FullName(md, (TypeReferenceHandle)type.ResolutionScope) + "/" + md.GetString(type.Name);
        }
        var ns = md.GetString(type.Namespace);
        return ns.Length == 0 ? md.GetString(type.Name) : $"{ns}.{md.GetString(type.Name)}";
    }
}
