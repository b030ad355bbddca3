namespace Grader.Problems.Expressions;

/// <summary>An expression's text and where it starts in its spec file.</summary>
public sealed record ExprSource(string Text, SourceLocation Start)
{
    /// <summary>
    /// Set for an expression the loader built rather than read (a network's loss): every node then reports
    /// <see cref="Start"/>, the YAML it was built from, since its text is not in the file.
    /// </summary>
    public bool Generated { get; init; }

    public static readonly ExprSource Empty = new("", new SourceLocation("<expr>", 1, 1));

    /// <summary>The file position of an offset into the text (lines inside the text are counted).</summary>
    public SourceLocation LocationOf(int offset)
    {
        if (Generated)
        {
            return Start;
        }
        offset = Math.Clamp(offset, 0, Text.Length);
        var before = Text[..offset];
        var newline = before.LastIndexOf('\n');
        return newline < 0
            ? Start.Shift(offset)
            : Start with { Line = Start.Line + before.Count(c => c == '\n'), Column = offset - newline };
    }
}
