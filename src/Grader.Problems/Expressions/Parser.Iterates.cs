using System.Globalization;

namespace Grader.Problems.Expressions;

/// <summary>
/// A recurrence's iterates in expressions: <c>h[t=3]</c> and <c>h[t=1:]</c> parse to one name each
/// (<see cref="IterateName"/>), which the loader defines as a step, so <c>grad(L, h[t=2])</c> and error carried forward
/// treat an iterate as any other step. A lone <c>=</c> was never valid, so nothing that parsed before changes meaning:
/// <c>h[3]</c> stays element 3 of h, and <c>h[t=3][0]</c> is element 0 of the iterate.
/// </summary>
public sealed partial class Parser
{
    private const string IterateHint = "h[t=3] is h after step 3 (h[t=0] is its init) and h[t=1:] stacks h[t=1] to the last; inside update:, h alone is the iterate before";

    /// <summary>
    /// At the '[' after <paramref name="target"/>: <c>[t=3]</c> or a range <c>[t=1:]</c> gives the iterate's name; anything
    /// else (an ordinary index) gives null with nothing consumed.
    /// </summary>
    private NameExpr? TryIterate(NameExpr target)
    {
        var open = _pos;
        _pos++;
        SkipSpace();
        var indexStart = _pos;
        while (!AtEnd && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
        {
            _pos++;
        }
        var index = _text[indexStart.._pos];
        SkipSpace();
        if (index.Length == 0 || char.IsDigit(index[0]) || AtEnd || _text[_pos] != '=' || (_pos + 1 < _text.Length && _text[_pos + 1] == '='))
        {
            _pos = open;
            return null;
        }
        _pos++;
        SkipSpace();
        var at = IterateNumber(target.Name, index);
        SkipSpace();
        IterateName name;
        if (!AtEnd && _text[_pos] == ':')
        {
            _pos++;
            SkipSpace();
            var to = IterateNumber(target.Name, index);
            name = new IterateName(target.Name, index, null, at, to);
        }
        else if (at is null)
        {
            throw Error(_pos, $"{target.Name}[{index}=...] needs the number of an iterate, such as {target.Name}[{index}=1]", IterateHint);
        }
        else
        {
            name = new IterateName(target.Name, index, at, null, null);
        }
        SkipSpace();
        if (AtEnd || _text[_pos] != ']')
        {
            throw Error(_pos, $"expected ']' to close {target.Name}[{index}=...], found {(AtEnd ? "the end of the expression" : $"'{_text[_pos]}'")}", IterateHint);
        }
        _pos++;
        return new NameExpr(name.ToString(), target.Start, _pos);
    }

    /// <summary>A whole number written out, or null when there is none (a range's bound left out).</summary>
    private int? IterateNumber(string variable, string index)
    {
        var start = _pos;
        while (!AtEnd && char.IsDigit(_text[_pos]))
        {
            _pos++;
        }
        if (_pos == start && !AtEnd && _text[_pos] is not (':' or ']' or ' '))
        {
            throw Error(start, $"{variable}[{index}=...] names an iterate by a whole number written out, not by an expression", IterateHint);
        }
        if (_pos > start && !AtEnd && (char.IsLetter(_text[_pos]) || _text[_pos] is '.' or '_'))
        {
            throw Error(start, $"{variable}[{index}=...] names an iterate by a whole number, such as {variable}[{index}=2]", IterateHint);
        }
        if (_pos == start)
        {
            return null;
        }
        return int.TryParse(_text.AsSpan(start, _pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out var k)
            ? k
            : throw Error(start, $"{variable}[{index}={ExprLimits.Short(_text[start.._pos], 20)}] is beyond any recurrence's iterates", IterateHint);
    }
}
