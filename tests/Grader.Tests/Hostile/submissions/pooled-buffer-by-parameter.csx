// expect: rejected
// reason: DefaultInterpolatedStringHandler
// The handler reached as a parameter, never written as a type of the script's own: still refused by its name.
string Twice(ref System.Runtime.CompilerServices.DefaultInterpolatedStringHandler h)
{
    var copy = h;
    copy.ToStringAndClear();
    return h.ToStringAndClear();
}
Answer("value", 6);
Console.WriteLine(Twice($"{1.0:F4} and {2}"));
