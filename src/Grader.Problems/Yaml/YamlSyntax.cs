using Grader.Problems.Expressions;

namespace Grader.Problems.Yaml;

/// <summary>
/// Makes YamlDotNet's syntax errors point at the character at fault: a tab (YAML indents with spaces only; the
/// parser reports some tabs at 1:1 or at the start of the scalar before them) or a look-alike character.
/// </summary>
internal static class YamlSyntax
{
    public const string TabHint = "YAML indents with spaces only: replace the tab with spaces";

    public static SpecError Error(string file, string text, SourceLocation reported, string message, string hint)
    {
        if (message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstIndentingTab(text) is var (line, column))
        {
            return new SpecError(new SourceLocation(file, line, column), message, TabHint);
        }
        if (Offset(text, reported) is { } offset)
        {
            // The reported mark, or the character just before it, may be a minus sign or quote from a word processor.
            var lookAlike = LookAlike.Hint(text, offset) ?? LookAlike.Hint(text, offset - 1);
            if (lookAlike is not null)
            {
                return new SpecError(reported, message, lookAlike);
            }
        }
        return new SpecError(reported, message, hint);
    }

    /// <summary>The first tab in a line's leading whitespace, else the first tab at all; 1-based.</summary>
    private static (int Line, int Column)? FirstIndentingTab(string text)
    {
        var lines = text.Split('\n');
        (int, int)? anywhere = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var indent = line.Length - line.TrimStart(' ', '\t').Length;
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab >= 0 && tab < indent)
            {
                return (i + 1, tab + 1);
            }
            if (tab >= 0 && anywhere is null)
            {
                anywhere = (i + 1, tab + 1);
            }
        }
        return anywhere;
    }

    private static int? Offset(string text, SourceLocation at)
    {
        var offset = 0;
        for (var line = 1; line < at.Line; line++)
        {
            offset = text.IndexOf('\n', offset) + 1;
            if (offset == 0)
            {
                return null;
            }
        }
        var result = offset + at.Column - 1;
        return result >= 0 && result < text.Length ? result : null;
    }
}
