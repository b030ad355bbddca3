using System.Globalization;
using System.Text;
using System.Text.Json;
using Grader.Engine;
using Grader.Problems.Feedback;
using Grader.Problems.Model;

namespace Grader.Problems.Solving;

/// <summary>Writes reference answers as FORMAT.md section 3 JSON or as text for people.</summary>
public static class SolutionWriter
{
    public static string Json(Problem p, IReadOnlyList<PartSolution> parts)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("problem", p.Id);
            w.WriteStartArray("parts");
            foreach (var s in parts)
            {
                w.WriteStartObject();
                w.WriteString("id", s.Part.Id);
                w.WritePropertyName("answer");
                WriteTensor(w, s.Shown);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A number, nested arrays, or null; NaN and infinities are written as strings since JSON has no numbers for them.</summary>
    public static void WriteTensor(Utf8JsonWriter w, Tensor? t)
    {
        if (t is null)
        {
            w.WriteNullValue();
            return;
        }
        if (t.Rank == 0)
        {
            WriteNumber(w, t[0]);
            return;
        }
        WriteNested(w, t, 0, 0, Tensor.StridesOf(t.Shape));
    }

    /// <summary>Nested arrays, one level per axis, at any rank.</summary>
    private static void WriteNested(Utf8JsonWriter w, Tensor t, int axis, int offset, int[] strides)
    {
        w.WriteStartArray();
        for (var i = 0; i < t.Shape[axis]; i++)
        {
            if (axis == t.Rank - 1)
            {
                WriteNumber(w, t[offset + i]);
            }
            else
            {
                WriteNested(w, t, axis + 1, offset + i * strides[axis], strides);
            }
        }
        w.WriteEndArray();
    }

    public static void WriteNumber(Utf8JsonWriter w, double x)
    {
        if (double.IsFinite(x))
        {
            w.WriteNumberValue(x);
        }
        else
        {
            w.WriteStringValue(Tensor.FormatNumber(x));
        }
    }

    public static string Text(Problem p, IReadOnlyList<PartSolution> parts)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{p.Id}: {p.Title} ({p.Points:0.##} points)");
        foreach (var s in parts)
        {
            var label = s.Part.Kind switch
            {
                PartKind.Implement => $"{s.Part.Implement!.Name}, first of {s.Cases.Count} case(s)",
                PartKind.Property => "property check",
                _ => s.Part.Answer!.Text,
            };
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {s.Part.Id} [{label}] ({s.Part.Points:0.##} pts)");
            sb.AppendLine(s.Shown is null
                ? $"    any values of {string.Join(", ", s.Part.Submit.Select(x => $"{x.Key} {Tensor.FormatShape(x.Value)}"))} with {string.Join(" and ", s.Part.Require.Select(r => r.Text))}"
                : s.Shown.Rank >= 3
                // A value of 3 or more axes as its blocks, bounded (--format json prints all of it).
                ? "    =\n" + string.Join("\n", ValueText.Layout(s.Shown).Split('\n').Select(line => "      " + line))
                : $"    = {s.Shown}");
        }
        return sb.ToString();
    }
}
