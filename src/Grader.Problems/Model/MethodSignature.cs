namespace Grader.Problems.Model;

/// <summary>A C# method signature from an <c>implement:</c> key, e.g. <c>double[] GradV(double[,] X, double[] Y)</c>.</summary>
public sealed record MethodSignature(string ReturnType, string Name, IReadOnlyList<MethodParameter> Parameters)
{
    /// <summary>The C# types a parameter or result may have, with the rank of value each carries.</summary>
    public static readonly IReadOnlyDictionary<string, int> Types = new Dictionary<string, int>
    {
        ["double"] = 0,
        ["int"] = 0,
        ["double[]"] = 1,
        ["double[,]"] = 2,
        ["double[][]"] = 2,
    };

    public override string ToString() =>
        $"{ReturnType} {Name}({string.Join(", ", Parameters.Select(p => $"{p.Type} {p.Name}"))})";
}

public sealed record MethodParameter(string Type, string Name);
