using System.Globalization;
using System.Text;

namespace Grader.Engine;

/// <summary>
/// An immutable float64 tensor of rank 0 (a scalar) to <see cref="MaxRank"/>, stored row-major (the last axis
/// varies fastest, as PyTorch's contiguous tensors).
/// </summary>
public sealed class Tensor
{
    private readonly double[] _data;
    private readonly int[] _shape;

    /// <summary>Creates a tensor; the data array is owned by the tensor from then on.</summary>
    public Tensor(int[] shape, double[] data)
    {
        if (shape.Length > MaxRank)
        {
            throw new ShapeException($"a value has at most {MaxRank} axes; shape {FormatShape(shape)} has {shape.Length}");
        }
        var size = 1;
        foreach (var d in shape)
        {
            if (d < 0)
            {
                throw new ShapeException($"a dimension cannot be negative: {FormatShape(shape)}");
            }
            size *= d;
        }
        if (size != data.Length)
        {
            throw new ShapeException($"shape {FormatShape(shape)} holds {size} values, not {data.Length}");
        }
        _shape = shape;
        _data = data;
    }

    /// <summary>The most axes a value may have.</summary>
    public const int MaxRank = 6;

    public IReadOnlyList<int> Shape => _shape;
    public int Rank => _shape.Length;
    public int Size => _data.Length;
    public int Rows => Rank == 2 ? _shape[0] : throw new ShapeException("Rows needs a matrix");
    public int Cols => Rank == 2 ? _shape[1] : throw new ShapeException("Cols needs a matrix");

    /// <summary>The element at a row-major flat index.</summary>
    public double this[int flat] => _data[flat];

    /// <summary>The element at (row, column) of a matrix.</summary>
    public double this[int row, int col] => _data[row * _shape[1] + col];

    /// <summary>The scalar value of a tensor holding exactly one element.</summary>
    public double ScalarValue => Size == 1 ? _data[0] : throw new ShapeException($"expected one value, got shape {FormatShape(_shape)}");

    internal double[] Values => _data;
    internal int[] ShapeArray => _shape;

    public double[] ToArray() => (double[])_data.Clone();

    public static Tensor Scalar(double value) => new([], [value]);
    public static Tensor Vector(params double[] values) => new([values.Length], (double[])values.Clone());

    public static Tensor Matrix(double[,] values)
    {
        int r = values.GetLength(0), c = values.GetLength(1);
        var data = new double[r * c];
        for (var i = 0; i < r; i++)
        {
            for (var j = 0; j < c; j++)
            {
                data[i * c + j] = values[i, j];
            }
        }
        return new Tensor([r, c], data);
    }

    public static Tensor Zeros(IReadOnlyList<int> shape)
    {
        var copy = new int[shape.Count];
        var size = 1;
        for (var i = 0; i < copy.Length; i++)
        {
            size *= copy[i] = shape[i];
        }
        return new Tensor(copy, new double[size]);
    }

    public static Tensor Filled(IReadOnlyList<int> shape, double value)
    {
        var t = Zeros(shape);
        Array.Fill(t._data, value);
        return t;
    }

    public Tensor Reshape(params int[] shape) => new(shape, _data);

    public bool SameShape(Tensor other) => _shape.AsSpan().SequenceEqual(other._shape);

    public double[,] ToMatrix()
    {
        var m = new double[Rows, Cols];
        for (var i = 0; i < Rows; i++)
        {
            for (var j = 0; j < Cols; j++)
            {
                m[i, j] = this[i, j];
            }
        }
        return m;
    }

    /// <summary>A shape as the spec language writes it: [] for a scalar, [3] or [2, 3].</summary>
    public static string FormatShape(IReadOnlyList<int> shape) => "[" + string.Join(", ", shape) + "]";

    public static string FormatNumber(double x) =>
        double.IsNaN(x) ? "NaN"
        : double.IsPositiveInfinity(x) ? "Infinity"
        : double.IsNegativeInfinity(x) ? "-Infinity"
        : x.ToString("G10", CultureInfo.InvariantCulture);

    /// <summary>The row-major strides of a shape: how far apart in the data two neighbours along each axis are.</summary>
    public static int[] StridesOf(IReadOnlyList<int> shape)
    {
        var strides = new int[shape.Count];
        var stride = 1;
        for (var i = shape.Count - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride *= shape[i];
        }
        return strides;
    }

    /// <summary>Formats as nested brackets, e.g. [[1, 2], [3, 4]], at any rank.</summary>
    public override string ToString()
    {
        if (Rank == 0)
        {
            return FormatNumber(_data[0]);
        }
        var sb = new StringBuilder();
        Nested(sb, 0, 0, StridesOf(_shape));
        return sb.ToString();
    }

    private void Nested(StringBuilder sb, int axis, int offset, int[] strides)
    {
        sb.Append('[');
        for (var i = 0; i < _shape[axis]; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }
            if (axis == Rank - 1)
            {
                sb.Append(FormatNumber(_data[offset + i]));
            }
            else
            {
                Nested(sb, axis + 1, offset + i * strides[axis], strides);
            }
        }
        sb.Append(']');
    }
}
