using Grader.Protocol;

namespace Grader.Runtime;

/// <summary>Converts between submission values (double, int, arrays) and <see cref="ValueDto"/>.</summary>
public static class ValueConverter
{
    public static ValueDto? FromObject(object? value, out string? error)
    {
        error = null;
        switch (value)
        {
            case double d:
                return ValueDto.Scalar(d);
            case int or long or float or decimal or short or byte:
                return ValueDto.Scalar(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
            case double[] v:
                return new ValueDto([v.Length], (double[])v.Clone());
            case int[] v:
                return new ValueDto([v.Length], v.Select(x => (double)x).ToArray());
            case float[] v:
                return new ValueDto([v.Length], v.Select(x => (double)x).ToArray());
            case double[,] m:
                return FromMatrix(m.GetLength(0), m.GetLength(1), (i, j) => m[i, j]);
            case int[,] m:
                return FromMatrix(m.GetLength(0), m.GetLength(1), (i, j) => m[i, j]);
            case double[][] jagged:
                if (jagged.Any(r => r is null))
                {
                    error = "a row of the double[][] is null";
                    return null;
                }
                var width = jagged.Length == 0 ? 0 : jagged[0].Length;
                if (jagged.Any(r => r.Length != width))
                {
                    error = $"the rows of the double[][] have different lengths ({string.Join(", ", jagged.Select(r => r.Length))})";
                    return null;
                }
                return FromMatrix(jagged.Length, width, (i, j) => jagged[i][j]);
            case null:
                error = "the value is null";
                return null;
            default:
                error = $"a {FriendlyName(value.GetType())} cannot be graded; give a double, int, double[], double[,] or double[][]";
                return null;
        }
    }

    private static ValueDto FromMatrix(int rows, int cols, Func<int, int, double> at)
    {
        var data = new double[rows * cols];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                data[i * cols + j] = at(i, j);
            }
        }
        return new ValueDto([rows, cols], data);
    }

    public static object ToParameter(ValueDto v, string type) => type switch
    {
        "double" => v.Data[0],
        "int" => (int)Math.Round(v.Data[0]),
        "double[]" => (double[])v.Data.Clone(),
        "double[,]" => ToMatrix(v),
        "double[][]" => Enumerable.Range(0, v.Shape[0]).Select(i => v.Data[(i * v.Shape[1])..((i + 1) * v.Shape[1])]).ToArray(),
        _ => throw new ArgumentException($"unsupported parameter type {type}"),
    };

    private static double[,] ToMatrix(ValueDto v)
    {
        var m = new double[v.Shape[0], v.Shape[1]];
        for (var i = 0; i < v.Shape[0]; i++)
        {
            for (var j = 0; j < v.Shape[1]; j++)
            {
                m[i, j] = v.Data[i * v.Shape[1] + j];
            }
        }
        return m;
    }

    public static Type ClrType(string type) => type switch
    {
        "double" => typeof(double),
        "int" => typeof(int),
        "double[]" => typeof(double[]),
        "double[,]" => typeof(double[,]),
        "double[][]" => typeof(double[][]),
        _ => throw new ArgumentException($"unsupported type {type}"),
    };

    public static string FriendlyName(Type t) => t.IsArray ? FriendlyName(t.GetElementType()!) + "[" + new string(',', t.GetArrayRank() - 1) + "]"
        : t == typeof(double) ? "double" : t == typeof(int) ? "int" : t == typeof(string) ? "string" : t == typeof(bool) ? "bool"
        : t.Name.StartsWith("<>", StringComparison.Ordinal) ? "anonymous object" : t.Name;
}
