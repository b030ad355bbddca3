using Grader.Engine;
using Grader.Protocol;

namespace Grader.Grading.Reports;

/// <summary>
/// What a part's feedback names of a visible case's inputs and of a student's value, and the values of 3 or more axes
/// laid out under it (<see cref="PartReport.Values"/>, written by <see cref="ValueText.Layout"/>). A value of rank 0 to
/// 2 is named on the feedback's line as it always was.
/// </summary>
public static class Shown
{
    /// <summary>A case's inputs on one line, when they fit.</summary>
    private const int MaxInputsChars = 160;

    /// <summary>
    /// A case's inputs for its name, <c>x = [1, 2], k = 2</c>; an input of 3 or more axes by its shape
    /// (<c>x shaped [2, 3, 4, 4]</c>, laid out by <see cref="Inputs"/>). Null when they do not fit on a line.
    /// </summary>
    public static string? InputsLine(IReadOnlyList<KeyValuePair<string, Tensor>> inputs)
    {
        if (inputs.All(kv => kv.Value.Rank <= 2))
        {
            var plain = string.Join(", ", inputs.Select(kv => $"{kv.Key} = {kv.Value}"));
            return plain.Length <= MaxInputsChars ? plain : null;
        }
        var line = string.Join(", ", inputs.Select(kv => kv.Value.Rank >= 3 || ValueText.Inline(kv.Value, MaxInputsChars) is not { } inline
            ? $"{kv.Key} shaped {Tensor.FormatShape(kv.Value.Shape)}"
            : $"{kv.Key} = {inline}"));
        return line.Length <= MaxInputsChars ? line : null;
    }

    /// <summary>The inputs of 3 or more axes of a case, each laid out under <c>&lt;case&gt;, input &lt;name&gt;</c>.</summary>
    public static IEnumerable<ShownValue> Inputs(string caseName, IReadOnlyList<KeyValuePair<string, Tensor>> inputs) =>
        inputs.Where(kv => kv.Value.Rank >= 3).Select(kv => Of($"{caseName}, input {kv.Key}", kv.Value));

    /// <summary>The student's value laid out, when it has 3 or more axes (a well-formed value, as every reply is made).</summary>
    public static IEnumerable<ShownValue> Yours(string label, ValueDto? got) =>
        got is { Shape.Length: >= 3 } && got.IsWellFormed(int.MaxValue) ? [Of(label, new Tensor(got.Shape, got.Data))] : [];

    /// <summary>The values to lay out, or null for none (so that a report of rank 0 to 2 values is as it was).</summary>
    public static IReadOnlyList<ShownValue>? List(IEnumerable<ShownValue> values) => values.ToList() is { Count: > 0 } list ? list : null;

    private static ShownValue Of(string label, Tensor t) => new(label, [.. t.Shape], ValueText.Layout(t));
}
