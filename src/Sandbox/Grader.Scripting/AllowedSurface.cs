using System.Reflection;

namespace Grader.Scripting;

/// <summary>
/// The framework's types a submission may name (<see cref="SourcePolicy.IsAllowedType"/>), as the runtime's types: what
/// the worker initializes before any student (its warm-up) and what the walk for shared state looked at
/// (src/Sandbox/README.md, "State one student could leave for the next").
/// </summary>
public static class AllowedSurface
{
    /// <summary>Every public type of the assemblies a submission is compiled against that the policy lets it name.</summary>
    public static IReadOnlyList<Type> Types()
    {
        var types = new HashSet<Type>();
        foreach (var name in ScriptCompiler.ReferenceNames)
        {
            Assembly assembly;
            try
            {
                assembly = Assembly.Load(name);
            }
            catch (FileNotFoundException)
            {
                continue;
            }
            // A facade's forwarded types are the types of the assemblies listed beside it; resolving them would load
            // every assembly netstandard forwards to.
            foreach (var type in assembly.GetExportedTypes())
            {
                // A nested type is named by its outermost type's namespace and its own name, as the policy does.
                if (type.IsPublic || type.IsNestedPublic)
                {
                    if (SourcePolicy.IsAllowedType(type.Namespace ?? "", type.Name))
                    {
                        types.Add(type);
                    }
                }
            }
        }
        return [.. types.OrderBy(t => t.FullName, StringComparer.Ordinal)];
    }
}
