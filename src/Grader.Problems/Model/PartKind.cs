namespace Grader.Problems.Model;

public enum PartKind
{
    /// <summary>The student gives a value; the engine evaluates <c>answer</c>.</summary>
    Answer,

    /// <summary>The student writes a method; it is called on every case and compared with <c>answer</c>.</summary>
    Implement,

    /// <summary>The student gives values for <c>submit</c>; the engine checks <c>require</c>.</summary>
    Property,
}
