namespace Grader.Problems.Yaml;

/// <summary>
/// Names an <c>implement:</c> signature cannot use: no submission could define a method so named, or the grader
/// would call something else than the student's method.
/// </summary>
internal static class CSharpNames
{
    /// <summary>
    /// Every C# keyword, the contextual ones included: a reserved keyword cannot name a method at all, and a contextual
    /// one either cannot in a script (<c>await</c>, top-level <c>yield</c>) or reads as the keyword where it is called
    /// (<c>nameof</c>, <c>var</c>); no problem needs one.
    /// </summary>
    public static readonly IReadOnlySet<string> Keywords = new HashSet<string>(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override", "params",
        "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof",
        "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong",
        "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while", "__arglist", "__makeref",
        "__reftype", "__refvalue",
        "add", "alias", "allows", "and", "args", "ascending", "async", "await", "by", "descending", "dynamic", "equals",
        "extension", "field", "file", "from", "get", "global", "group", "init", "into", "join", "let", "managed",
        "nameof", "nint", "not", "notnull", "nuint", "on", "or", "orderby", "partial", "record", "remove", "required",
        "scoped", "select", "set", "unmanaged", "value", "var", "when", "where", "with", "yield",
    };

    /// <summary>
    /// What a submission already has besides its own methods: <c>Answer</c> (the harness's), and the members every
    /// object has; a method of one of these names would hide the harness's or be another method than the student's.
    /// </summary>
    public static readonly IReadOnlySet<string> HarnessMembers = new HashSet<string>(StringComparer.Ordinal)
    {
        "Answer", "Equals", "Finalize", "GetHashCode", "GetType", "MemberwiseClone", "ReferenceEquals", "ToString",
    };

    public const string MethodHint = "name the method as students would, e.g. GradW or Forward: a C# name that is not a keyword and not Answer (the harness's), ToString, Equals, GetHashCode, GetType, MemberwiseClone, Finalize or ReferenceEquals";

    public const string ParameterHint = "name the parameter as students would, e.g. x or W1: a C# name that is not a keyword (in for input, for example, is one)";

    /// <summary>Why <paramref name="name"/> cannot name the method an implement part asks for; null when it can.</summary>
    public static string? MethodProblem(string name) =>
        Keywords.Contains(name) ? $"the method name `{name}` is a C# keyword: no submission can define a method so named"
        : HarnessMembers.Contains(name) ? $"the method name `{name}` is taken by the harness (every submission already has {name}): the student's method could not be told from it"
        : null;
}
