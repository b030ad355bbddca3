using Grader.Engine;

namespace Grader.Problems.Model;

/// <summary>A C# method signature from an <c>implement:</c> key, e.g. <c>double[] GradV(double[,] X, double[] Y)</c>.</summary>
public sealed record MethodSignature(string ReturnType, string Name, IReadOnlyList<MethodParameter> Parameters)
{
    /// <summary>
    /// The C# types a parameter or result may have, with the rank of value each carries: <c>double</c> and <c>int</c>,
    /// a multidimensional array of doubles (<c>double[]</c>, <c>double[,]</c>, <c>double[,,]</c>, ...) or a jagged one
    /// (<c>double[][]</c>, <c>double[][][]</c>, ...) of up to <see cref="Tensor.MaxRank"/> axes.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, int> Types = BuildTypes();

    /// <summary>The type a value of <paramref name="rank"/> axes is written as (the multidimensional one): double, double[], double[,], ...</summary>
    public static string TypeOfRank(int rank) => rank == 0 ? "double" : $"double[{new string(',', rank - 1)}]";

    /// <summary>The jagged array type of <paramref name="rank"/> axes: double[][], double[][][], ...</summary>
    public static string JaggedTypeOfRank(int rank) => "double" + string.Concat(Enumerable.Repeat("[]", rank));

    private static Dictionary<string, int> BuildTypes()
    {
        var types = new Dictionary<string, int>(StringComparer.Ordinal) { ["double"] = 0, ["int"] = 0 };
        for (var rank = 1; rank <= Tensor.MaxRank; rank++)
        {
            types[TypeOfRank(rank)] = rank;
            types[JaggedTypeOfRank(rank)] = rank;
        }
        return types;
    }

    public override string ToString() =>
        $"{ReturnType} {Name}({string.Join(", ", Parameters.Select(p => $"{p.Type} {p.Name}"))})";
}

public sealed record MethodParameter(string Type, string Name);
