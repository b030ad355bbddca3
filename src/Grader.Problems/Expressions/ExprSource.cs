namespace Grader.Problems.Expressions;

/// <summary>An expression's text and where it starts in its spec file.</summary>
public sealed record ExprSource(string Text, SourceLocation Start)
{
    public static readonly ExprSource Empty = new("", new SourceLocation("<expr>", 1, 1));

    /// <summary>The file position of an offset into the text (lines inside the text are counted).</summary>
    public SourceLocation LocationOf(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var before = Text[..offset];
        var newline = before.LastIndexOf('\n');
        return newline < 0
            ? Start.Shift(offset)
            : Start with { Line = Start.Line + before.Count(c => c == '\n'), Column = offset - newline };
    }
}
