namespace Grader.Problems;

/// <summary>A place in a spec file, 1-based.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public SourceLocation Shift(int columns) => this with { Column = Column + columns };

    public override string ToString() => $"{File}:{Line}:{Column}";
}
