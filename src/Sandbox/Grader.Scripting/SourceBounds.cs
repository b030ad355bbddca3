using Grader.Protocol;

namespace Grader.Scripting;

/// <summary>
/// Limits checked on the raw text before Roslyn parses it: a deeply nested expression overflows the
/// compiler's stack (10,000 nested parentheses crash the process), and a huge file costs every grader.
/// </summary>
public static class SourceBounds
{
    public const int MaxChars = ProtocolLimits.MaxSourceChars;
    public const int MaxNesting = 200;

    public static SubmissionDiagnostic? Check(string source, string file)
    {
        if (source.Length > MaxChars)
        {
            return new SubmissionDiagnostic(file, 1, 1, "GR0001", $"the file has {source.Length} characters; the limit is {MaxChars}");
        }
        int depth = 0, line = 1, col = 0;
        foreach (var c in source)
        {
            col++;
            if (c == '\n')
            {
                line++;
                col = 0;
            }
            else if (c is '(' or '[' or '{')
            {
                if (++depth > MaxNesting)
                {
                    return new SubmissionDiagnostic(file, line, col, "GR0002", $"brackets nest more than {MaxNesting} deep");
                }
            }
            else if (c is ')' or ']' or '}')
            {
                depth = Math.Max(0, depth - 1);
            }
        }
        return null;
    }
}
