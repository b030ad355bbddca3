using System.Text;

namespace Grader.Runtime;

/// <summary>Captures a submission's console output up to a limit; the rest is counted, not kept.</summary>
internal sealed class CappedWriter(int limit) : TextWriter
{
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.UTF8;

    public bool Truncated { get; private set; }

    /// <summary>While false, output is dropped: what a student's code prints during hidden cases must not reach a report.</summary>
    public bool Recording { get; set; } = true;

    public override void Write(char value)
    {
        lock (_text)
        {
            if (!Recording)
            {
                return;
            }
            if (_text.Length < limit)
            {
                _text.Append(value);
            }
            else
            {
                Truncated = true;
            }
        }
    }

    public override void Write(string? value)
    {
        if (value is null)
        {
            return;
        }
        lock (_text)
        {
            if (!Recording)
            {
                return;
            }
            var room = limit - _text.Length;
            if (value.Length > room)
            {
                Truncated = true;
                value = value[..Math.Max(0, room)];
            }
            _text.Append(value);
        }
    }

    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }
}
