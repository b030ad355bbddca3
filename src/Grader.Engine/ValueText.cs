using System.Globalization;
using System.Text;

namespace Grader.Engine;

/// <summary>
/// How a value is written for people, in one place for every report format, the handout and <c>solve</c>: an element's
/// index at any rank, a small value on one line, and a value of rank 3 or more laid out as the matrices it is made of,
/// each labelled with its leading indices (<c>[0, 1, :, :]</c>), bounded so that a 64 x 3 x 32 x 32 value prints a few
/// blocks and says what was left out. Every number as <see cref="Tensor.FormatNumber"/> writes it.
/// </summary>
public static class ValueText
{
    /// <summary>The most numbers a layout shows (whole blocks, at least one).</summary>
    public const int MaxNumbers = 240;

    /// <summary>The most blocks a layout shows.</summary>
    public const int MaxBlocks = 4;

    /// <summary>The most rows and columns of one block shown; the rest is counted.</summary>
    public const int MaxRows = 12, MaxCols = 10;

    /// <summary>
    /// The index of the element at row-major position <paramref name="flat"/>, as a person reads it: <c>[4]</c> in a
    /// vector, <c>[1, 2]</c> in a matrix, <c>[0, 1, 2, 3]</c> at rank 4.
    /// </summary>
    public static string Index(IReadOnlyList<int> shape, int flat)
    {
        if (shape.Count <= 1)
        {
            return $"[{flat.ToString(CultureInfo.InvariantCulture)}]";
        }
        var index = new int[shape.Count];
        for (var k = shape.Count - 1; k >= 0; k--)
        {
            if (shape[k] > 0)
            {
                index[k] = flat % shape[k];
                flat /= shape[k];
            }
        }
        return "[" + string.Join(", ", index) + "]";
    }

    /// <summary>The value as nested brackets on one line (<see cref="Tensor.ToString"/>), or null when that is longer than <paramref name="maxChars"/>.</summary>
    public static string? Inline(Tensor t, int maxChars)
    {
        // Each number takes a character and a separator at least: a large value is not written out to be measured.
        if (t.Size > maxChars)
        {
            return null;
        }
        var text = t.ToString();
        return text.Length <= maxChars ? text : null;
    }

    /// <summary>
    /// A value laid out over lines for reading, bounded by <paramref name="maxNumbers"/>. A matrix is its rows, the
    /// columns aligned; a value of rank 3 or more is a header with its shape, then one matrix per index of its leading
    /// axes, labelled <c>[n, c, :, :]</c>; what is not shown (rows, columns, blocks) is said. A number or a vector is one
    /// line, as <see cref="Tensor.ToString"/> writes it (cut after <paramref name="maxNumbers"/> numbers).
    /// </summary>
    public static string Layout(Tensor t, int maxNumbers = MaxNumbers)
    {
        var shape = t.Shape;
        var sb = new StringBuilder();
        if (t.Rank <= 1)
        {
            if (t.Size <= maxNumbers)
            {
                return t.ToString();
            }
            sb.Append('[');
            for (var i = 0; i < maxNumbers; i++)
            {
                sb.Append(Tensor.FormatNumber(t[i])).Append(", ");
            }
            return sb.Append(Invariant($"… ({t.Size - maxNumbers} more of {t.Size})]")).ToString();
        }
        var (rows, cols) = (shape[^2], shape[^1]);
        if (t.Size == 0)
        {
            return $"shape {Tensor.FormatShape(shape)}: no numbers";
        }
        if (t.Rank == 2)
        {
            Block(sb, t, 0, rows, cols, "");
            return sb.ToString().TrimEnd('\n');
        }
        var blockSize = rows * cols;
        var blocks = t.Size / blockSize;
        var shownPerBlock = Math.Min(rows, MaxRows) * Math.Min(cols, MaxCols);
        sb.Append(Invariant($"shape {Tensor.FormatShape(shape)}: {Count(blocks, "block")} of {rows} x {cols}\n"));
        for (var b = 0; b < blocks; b++)
        {
            if (b > 0 && (b >= MaxBlocks || (b + 1) * shownPerBlock > maxNumbers))
            {
                var last = Index(shape.Take(t.Rank - 2).ToArray(), blocks - 1);
                sb.Append(Invariant($"… and {Count(blocks - b, "more block")}, to {Label(last)} ({t.Size} numbers in all)\n"));
                break;
            }
            Block(sb, t, b * blockSize, rows, cols, Label(Index(shape.Take(t.Rank - 2).ToArray(), b)));
        }
        return sb.ToString().TrimEnd('\n');
    }

    /// <summary>A block's label: its leading indices and a colon for each of the last two axes, <c>[0, 1, :, :]</c>.</summary>
    private static string Label(string leading) => leading[..^1] + ", :, :]";

    /// <summary>One matrix of the value, from <paramref name="offset"/>: a label line when there is one, then its rows, indented.</summary>
    private static void Block(StringBuilder sb, Tensor t, int offset, int rows, int cols, string label)
    {
        var shownRows = Math.Min(rows, MaxRows);
        var shownCols = Math.Min(cols, MaxCols);
        var cut = shownRows < rows || shownCols < cols;
        var indent = label.Length == 0 ? "" : "  ";
        if (label.Length > 0 || cut)
        {
            sb.Append(label);
            if (cut)
            {
                sb.Append(label.Length == 0 ? "" : " ").Append(Invariant($"(the first {shownRows} of {rows} rows, {shownCols} of {cols} columns)"));
            }
            sb.Append('\n');
        }
        var cells = new string[shownRows, shownCols];
        var widths = new int[shownCols];
        for (var i = 0; i < shownRows; i++)
        {
            for (var j = 0; j < shownCols; j++)
            {
                cells[i, j] = Tensor.FormatNumber(t[offset + i * cols + j]);
                widths[j] = Math.Max(widths[j], cells[i, j].Length);
            }
        }
        for (var i = 0; i < shownRows; i++)
        {
            sb.Append(indent);
            for (var j = 0; j < shownCols; j++)
            {
                sb.Append(j == 0 ? "" : "  ").Append(cells[i, j].PadLeft(widths[j]));
            }
            sb.Append(shownCols < cols ? "  …\n" : "\n");
        }
        if (shownRows < rows)
        {
            sb.Append(indent).Append(Invariant($"… ({rows - shownRows} more rows)\n"));
        }
    }

    private static string Count(int n, string what) => Invariant($"{n} {what}{(n == 1 ? "" : "s")}");

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
