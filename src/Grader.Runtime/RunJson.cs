using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grader.Runtime;

/// <summary>How requests and results cross the process boundary.</summary>
public static class RunJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
