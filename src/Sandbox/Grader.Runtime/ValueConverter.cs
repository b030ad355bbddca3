using System.Globalization;
using System.Text;
using Grader.Protocol;

namespace Grader.Runtime;

/// <summary>
/// Converts between submission values and <see cref="ValueDto"/>: a number (double, int, ...), an array of any rank up
/// to <see cref="ValueDto.MaxRank"/> (<c>double[]</c>, <c>double[,]</c>, <c>double[,,,]</c>, also of int or float), or
/// a jagged array of doubles of the same shape (<c>double[][]</c>, <c>double[][][]</c>) whose rows along each axis all
/// have the same length.
/// </summary>
public static class ValueConverter
{
    private const string WhatToGive = "give a double, int, double[], double[,] or double[][], or with more axes (up to 6) double[,,] or double[][][] and so on";

    public static ValueDto? FromObject(object? value, out string? error)
    {
        error = null;
        switch (value)
        {
            case double d:
                return ValueDto.Scalar(d);
            case int or long or float or decimal or short or byte:
                return ValueDto.Scalar(Convert.ToDouble(value, CultureInfo.InvariantCulture));
            case null:
                error = "the value is null";
                return null;
            case Array a when JaggedDepth(a.GetType()) >= 2:
                var depth = JaggedDepth(a.GetType());
                if (depth > ValueDto.MaxRank)
                {
                    error = $"a {FriendlyName(a.GetType())} has {depth} axes; a value has at most {ValueDto.MaxRank}";
                    return null;
                }
                return FromJagged(a, depth, out error);
            case Array a when a.GetType().GetElementType() is { } e && (e == typeof(double) || e == typeof(int) || e == typeof(float)):
                if (a.Rank > ValueDto.MaxRank)
                {
                    error = $"a {FriendlyName(a.GetType())} has {a.Rank} axes; a value has at most {ValueDto.MaxRank}";
                    return null;
                }
                return FromArray(a);
            default:
                error = $"a {FriendlyName(value.GetType())} cannot be graded; {WhatToGive}";
                return null;
        }
    }

    /// <summary>How many numbers a value holds, counted without copying anything (a jagged array's rows summed).</summary>
    public static long Count(object? value)
    {
        if (value is not Array a)
        {
            return 1;
        }
        if (a.GetType().GetElementType() is not { IsArray: true })
        {
            return a.LongLength;
        }
        var n = 0L;
        foreach (var row in a)
        {
            n += row is Array inner ? Count(inner) : 0;
        }
        return n;
    }

    /// <summary>The number of <c>[]</c> of a jagged array of doubles (<c>double[][]</c> is 2); 0 for anything else.</summary>
    private static int JaggedDepth(Type t)
    {
        var depth = 0;
        while (t.IsSZArray)
        {
            depth++;
            t = t.GetElementType()!;
        }
        return t == typeof(double) ? depth : 0;
    }

    /// <summary>An array of one to six axes, of double, int or float: its lengths, and its numbers in row-major order.</summary>
    private static ValueDto FromArray(Array a)
    {
        var shape = new int[a.Rank];
        for (var k = 0; k < a.Rank; k++)
        {
            shape[k] = a.GetLength(k);
        }
        var data = new double[a.Length];
        if (a.GetType().GetElementType() == typeof(double))
        {
            // A multidimensional array's numbers lie row-major in one block, as a vector's do.
            Buffer.BlockCopy(a, 0, data, 0, data.Length * sizeof(double));
        }
        else
        {
            var i = 0;
            foreach (var x in a)
            {
                data[i++] = Convert.ToDouble(x, CultureInfo.InvariantCulture);
            }
        }
        return new ValueDto(shape, data);
    }

    /// <summary>
    /// A jagged array whose rows along each axis have one length: the shape is read along the first rows, and a row
    /// that is null or of another length is named (<c>[1][0]</c>, as C# indexes it).
    /// </summary>
    private static ValueDto? FromJagged(Array top, int depth, out string? error)
    {
        error = null;
        var name = FriendlyName(top.GetType());
        var shape = new int[depth];
        Array? first = top;
        for (var level = 0; level < depth; level++)
        {
            shape[level] = first?.Length ?? 0;
            first = first is { Length: > 0 } ? first.GetValue(0) as Array : null;
        }
        var index = new int[depth];
        double[]? data = null;
        var offset = 0;
        string? problem = null;

        // Twice: first every row is checked (nothing is allocated for a ragged array, whatever its first rows claim),
        // then the numbers are copied.
        void Walk(Array node, int level)
        {
            for (var i = 0; i < node.Length && problem is null; i++)
            {
                index[level] = i;
                var row = node.GetValue(i) as Array;
                if (row is null)
                {
                    problem = $"{Path(index, level + 1)} of the {name} is null";
                    return;
                }
                if (row.Length != shape[level + 1])
                {
                    var numbers = level + 1 == depth - 1;
                    var (row1, row0) = (Path(index, level + 1), Path(new int[depth], level + 1));
                    problem = numbers
                        ? $"the {name} is ragged: row {row1} has {Count(row.Length, "number")} where row {row0} has {shape[level + 1]}"
                        : $"the {name} is ragged: {row1} has {Count(row.Length, "row")} where {row0} has {shape[level + 1]}";
                    problem += " (every row along an axis must have the same length)";
                    return;
                }
                if (level + 1 < depth - 1)
                {
                    Walk(row, level + 1);
                }
                else if (data is not null)
                {
                    Array.Copy(row, 0, data, offset, row.Length);
                    offset += row.Length;
                }
            }
        }

        Walk(top, 0);
        if (problem is not null)
        {
            error = problem;
            return null;
        }
        data = new double[shape.Aggregate(1L, (n, d) => n * d)];
        Walk(top, 0);
        return new ValueDto(shape, data);
    }

    private static string Count(int n, string what) => $"{n} {what}{(n == 1 ? "" : "s")}";

    /// <summary>The first <paramref name="count"/> indices as C# writes them for a jagged array: <c>[1][0]</c>.</summary>
    private static string Path(int[] index, int count)
    {
        var sb = new StringBuilder();
        for (var k = 0; k < count; k++)
        {
            sb.Append('[').Append(index[k].ToString(CultureInfo.InvariantCulture)).Append(']');
        }
        return sb.ToString();
    }

    /// <summary>
    /// A C# type of an <c>implement:</c> signature read: a number (<c>double</c>, <c>int</c>), a multidimensional array
    /// (<c>double[]</c>, <c>double[,,]</c>: its rank) or a jagged one (<c>double[][]</c>: its depth).
    /// </summary>
    private static (bool Jagged, int Rank) Parse(string type)
    {
        if (type is "double" or "int")
        {
            return (false, 0);
        }
        if (type.StartsWith("double[", StringComparison.Ordinal))
        {
            var brackets = type["double".Length..];
            if (brackets.Length < 2)
            {
                throw new ArgumentException($"unsupported type {type}");
            }
            var rank = brackets.Length / 2;
            if (brackets.Length % 2 == 0 && rank is >= 2 and <= ValueDto.MaxRank && brackets == string.Concat(Enumerable.Repeat("[]", rank)))
            {
                return (true, rank);
            }
            if (brackets[^1] == ']' && brackets[1..^1].All(c => c == ',') && brackets.Length - 1 <= ValueDto.MaxRank)
            {
                return (false, brackets.Length - 1);
            }
        }
        throw new ArgumentException($"unsupported type {type}");
    }

    public static object ToParameter(ValueDto v, string type)
    {
        if (type == "double")
        {
            return v.Data[0];
        }
        if (type == "int")
        {
            return (int)Math.Round(v.Data[0]);
        }
        var (jagged, rank) = Parse(type);
        if (v.Shape.Length != rank)
        {
            throw new ArgumentException($"a value shaped [{string.Join(", ", v.Shape)}] cannot be a {type}");
        }
        if (rank == 1)
        {
            return (double[])v.Data.Clone();
        }
        if (!jagged)
        {
            var m = Array.CreateInstance(typeof(double), v.Shape);
            Buffer.BlockCopy(v.Data, 0, m, 0, v.Data.Length * sizeof(double));
            return m;
        }
        var offset = 0;
        Array Build(int level)
        {
            if (level == rank - 1)
            {
                var row = new double[v.Shape[level]];
                Array.Copy(v.Data, offset, row, 0, row.Length);
                offset += row.Length;
                return row;
            }
            var rows = Array.CreateInstance(JaggedType(rank - level - 1), v.Shape[level]);
            for (var i = 0; i < rows.Length; i++)
            {
                rows.SetValue(Build(level + 1), i);
            }
            return rows;
        }
        return Build(0);
    }

    /// <summary><c>double[]</c> for 1, <c>double[][]</c> for 2, ...</summary>
    private static Type JaggedType(int depth)
    {
        var t = typeof(double);
        for (var k = 0; k < depth; k++)
        {
            t = t.MakeArrayType();
        }
        return t;
    }

    public static Type ClrType(string type)
    {
        if (type == "double")
        {
            return typeof(double);
        }
        if (type == "int")
        {
            return typeof(int);
        }
        var (jagged, rank) = Parse(type);
        return jagged || rank == 1 ? JaggedType(rank) : typeof(double).MakeArrayType(rank);
    }

    public static string FriendlyName(Type t) => t.IsArray ? FriendlyName(t.GetElementType()!) + "[" + new string(',', t.GetArrayRank() - 1) + "]"
        : t == typeof(double) ? "double" : t == typeof(int) ? "int" : t == typeof(string) ? "string" : t == typeof(bool) ? "bool"
        : t.Name.StartsWith("<>", StringComparison.Ordinal) ? "anonymous object" : t.Name;
}
