using System.Collections.Frozen;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

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
    /// thread, copy constant data into an array, or construct an attribute. Nothing here schedules work (no
    /// AwaitOnCompleted), reads memory or reaches reflection.
    /// </summary>
    private static readonly FrozenDictionary<string, FrozenSet<string>> CompilerMembers = new Dictionary<string, FrozenSet<string>>
    {
        ["System.Runtime.CompilerServices.AsyncTaskMethodBuilder`1"] = Set("Create", "Start", "SetResult", "SetException", "get_Task", "SetStateMachine"),
        ["System.Runtime.CompilerServices.IAsyncStateMachine"] = Set("MoveNext", "SetStateMachine"),
        ["System.Threading.Tasks.Task`1"] = Set(),
        ["System.Runtime.CompilerServices.RuntimeHelpers"] = Set("InitializeArray", "GetSubArray"),
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
            if (Parent(md, member.Parent) is not { } parent)
            {
                return $"a member {name} of an unknown kind of type";
            }
            if (parent.Length == 0)
            {
                continue; // the submission's own type, or an array's Get, Set, Address or constructor
            }
            if (!MemberVouched(parent, name))
            {
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
        // Properties and events by the name the source gives them too: get_Method is Method.
        var plain = name.StartsWith("get_", StringComparison.Ordinal) || name.StartsWith("set_", StringComparison.Ordinal) ? name[4..]
            : name.StartsWith("add_", StringComparison.Ordinal) ? name[4..]
            : name.StartsWith("remove_", StringComparison.Ordinal) ? name[7..]
            : name;
        var shortName = parent[(parent.LastIndexOfAny(['.', '/']) + 1)..];
        return SourcePolicy.WhyMember(parent, shortName, name) is null && SourcePolicy.WhyMember(parent, shortName, plain) is null;
    }

    /// <summary>
    /// The full name of a member's type when it is another assembly's (its generic definition's, for an
    /// instantiation); "" for the submission's own type or an array; null for anything else.
    /// </summary>
    private static string? Parent(MetadataReader md, EntityHandle parent)
    {
        switch (parent.Kind)
        {
            case HandleKind.TypeReference:
                return FullName(md, (TypeReferenceHandle)parent);
            case HandleKind.TypeDefinition:
                return "";
            case HandleKind.TypeSpecification:
                var blob = md.GetBlobReader(md.GetTypeSpecification((TypeSpecificationHandle)parent).Signature);
                var code = blob.ReadSignatureTypeCode();
                if (code is SignatureTypeCode.Array or SignatureTypeCode.SZArray)
                {
                    return "";
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
                    HandleKind.TypeDefinition => "",
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
