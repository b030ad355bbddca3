using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Grader.Problems.Yaml;

/// <summary>
/// Reads a YAML document into <see cref="YamlNode"/>s from YamlDotNet's parser events, keeping every mark.
/// Duplicate keys are collected as errors rather than stopping the read, so that all are reported at once.
/// </summary>
public static class YamlReader
{
    /// <summary>Nesting of YAML collections; a spec needs about eight (parts, a case, a matrix).</summary>
    public const int MaxDepth = 64;

    /// <summary>The first space other than U+0020 and tab in a line's leading whitespace (1-based), else null.</summary>
    private static (int Line, int Column, char Char)? UnicodeIndent(string text)
    {
        var line = 1;
        var column = 1;
        var leading = true;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                (line, column, leading) = (line + 1, 1, true);
                continue;
            }
            if (leading && c != ' ' && c != '\t' && c != '\r')
            {
                if (char.IsWhiteSpace(c))
                {
                    return (line, column, c);
                }
                leading = false;
            }
            column++;
        }
        return null;
    }

    public static YamlNode? Read(string file, string text, List<SpecError> errors)
    {
        var protectedText = FlowSafe.Protect(text);
        if (FlowDepth.FirstTooDeep(protectedText, MaxDepth) is { } offset)
        {
            // YamlDotNet's scanner takes time quadratic in the depth of flow brackets: refuse before it runs.
            errors.Add(new SpecError(FlowDepth.Location(file, text, offset), $"YAML collections nest more than {MaxDepth} levels deep here",
                "a spec needs a few levels (a matrix is a list of lists); remove the extra brackets or indentation"));
            return null;
        }
        if (UnicodeIndent(text) is var (line, column, c))
        {
            // YamlDotNet reads such a space as content: the key after it is misnamed and its mapping misread, in three
            // errors that do not name the character. One error at it instead.
            errors.Add(new SpecError(new SourceLocation(file, line, column),
                $"a {(c == '\u00A0' ? "non-breaking space" : "Unicode space")} (U+{(int)c:X4}) in the indentation: YAML indents with ordinary spaces only",
                "replace it with an ordinary space (it often comes with text pasted from a web page or a word processor)"));
            return null;
        }
        // An expression that starts with a list fails YAML's reading: each one is reported and read as if quoted, so that
        // reading goes on to the spec's other errors.
        var quoted = new List<SpecError>();
        var done = new HashSet<int>();
        while (true)
        {
            var found = new List<SpecError>();
            var (root, failedAt) = Parse(file, text, protectedText, found);
            if (failedAt is { } failedLine && done.Count < MaxQuoted && ListThenText.Find(protectedText, failedLine, done) is { } list)
            {
                done.Add(list.Line);
                quoted.Add(ListThenTextError(file, list));
                protectedText = ListThenText.Quote(protectedText, list);
                continue;
            }
            // Errors of earlier readings (an alias where YAML read '*' after a list) went with them.
            errors.AddRange(quoted);
            errors.AddRange(found);
            return root;
        }
    }

    /// <summary>At most this many expressions starting with a list are quoted and read again.</summary>
    private const int MaxQuoted = 50;

    private static SpecError ListThenTextError(string file, ListThenText.Found list) => new(new SourceLocation(file, list.Line, list.Column),
        $"`{FlowSafe.Restore(list.Value)}` starts with a list, so YAML reads `{FlowSafe.Restore(list.List)}` as one and cannot read `{FlowSafe.Restore(list.Rest.Trim())}` after it",
        $"quote the whole expression: \"{FlowSafe.Restore(list.Value)}\"");

    /// <summary>The document's root, or null with the line where YAML's reading failed (errors of its own in <paramref name="errors"/>).</summary>
    private static (YamlNode? Root, int? FailedAt) Parse(string file, string text, string protectedText, List<SpecError> errors)
    {
        var parser = new Parser(new StringReader(protectedText));
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                errors.Add(new SpecError(new SourceLocation(file, 1, 1), "the file is empty", "a spec starts with id:, title: and parts:"));
                return (null, null);
            }
            parser.Consume<DocumentStart>();
            var root = ReadNode(file, parser, errors, 1, anchors);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                errors.Add(new SpecError(Loc(file, parser.Current!.Start), "a spec file holds one YAML document", "remove the second '---' document"));
            }
            return (root, null);
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException?.Message ?? ex.Message;
            errors.Add(YamlSyntax.Error(file, text, Loc(file, ex.Start), $"YAML syntax: {message}", SyntaxHint));
            return (null, (int)ex.Start.Line);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (not a YamlException) on some unclosed flow collections.
            var at = parser.Current is { } ev ? Loc(file, ev.Start) : new SourceLocation(file, 1, 1);
            errors.Add(YamlSyntax.Error(file, text, at, "YAML syntax: an unclosed '[' or '{' (or a stray character) after this point", SyntaxHint));
            return (null, at.Line);
        }
    }

    private const string SyntaxHint = "check indentation and brackets, and quote values that contain ': ' or start with '[' but are not lists";

    private static SourceLocation Loc(string file, Mark m) => new(file, (int)m.Line, (int)m.Column);

    /// <summary>A node and what it holds; <paramref name="anchors"/> collects the anchors (&amp;name) read so far, since an alias of none of them was meant as a product.</summary>
    private static YamlNode ReadNode(string file, IParser parser, List<SpecError> errors, int depth, HashSet<string> anchors)
    {
        var ev = parser.Current!;
        if (ev is NodeEvent { Anchor.IsEmpty: false } anchored)
        {
            anchors.Add(anchored.Anchor.Value);
        }
        if (depth > MaxDepth && ev is SequenceStart or MappingStart)
        {
            // Reading on would recurse as deep as the file nests; skip the whole collection without recursion.
            errors.Add(new SpecError(Loc(file, ev.Start), $"YAML collections nest more than {MaxDepth} levels deep here",
                "a spec needs a few levels (a matrix is a list of lists); remove the extra brackets or indentation"));
            parser.SkipThisAndNestedEvents();
            return new YamlSkipped(Loc(file, ev.Start));
        }
        switch (ev)
        {
            case Scalar s:
                parser.MoveNext();
                var quoted = s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted;
                var start = Loc(file, s.Start);
                return new YamlScalar(FlowSafe.Restore(s.Value), quoted || s.Style is ScalarStyle.Literal or ScalarStyle.Folded, start,
                    quoted ? start.Shift(1) : start);
            case SequenceStart ss:
                parser.MoveNext();
                var items = new List<YamlNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(ReadNode(file, parser, errors, depth + 1, anchors));
                }
                return new YamlSequence(items, Loc(file, ss.Start));
            case MappingStart ms:
                parser.MoveNext();
                var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
                var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyNode = ReadNode(file, parser, errors, depth + 1, anchors);
                    var value = ReadNode(file, parser, errors, depth + 1, anchors);
                    if (keyNode is not YamlScalar key)
                    {
                        errors.Add(new SpecError(keyNode.Location, "a key must be a plain name", "write key: value"));
                        continue;
                    }
                    if (seen.TryGetValue(key.Value, out var first))
                    {
                        errors.Add(new SpecError(key.Location, $"duplicate key `{key.Value}` (first at line {first.Line})",
                            "each key may appear once in a mapping: remove or rename one"));
                        continue;
                    }
                    seen[key.Value] = key.Location;
                    entries.Add(new(key, value));
                }
                return new YamlMapping(entries, Loc(file, ms.Start));
            case AnchorAlias a:
                parser.MoveNext();
                // Without an anchor (&name) before it, a value or list entry starting with '*' was meant as a product.
                errors.Add(anchors.Contains(a.Value.Value)
                    ? new SpecError(Loc(file, a.Start), "YAML aliases (*name) are not supported in specs", "write the value out")
                    : new SpecError(Loc(file, a.Start), $"`*{a.Value}` reads as a YAML alias (a reference to an anchor `&{a.Value}`), which specs do not use: a value or a list entry cannot start with `*`",
                        $"for a product write both factors (2 * {a.Value}), and quote an expression that starts with a list: \"[2 * {a.Value}, 1]\""));
                return new YamlSkipped(Loc(file, a.Start));
            default:
                throw new YamlException(ev.Start, ev.End, $"unexpected {ev.GetType().Name}");
        }
    }
}
