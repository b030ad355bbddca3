using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grader.Grading.Reports;

/// <summary>Report JSON in snake_case, as FORMAT.md section 4 shows it; optional fields are left out when empty.</summary>
public static class ReportJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // Reports are read by people too: keep quotes and backticks as they are.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(SubmissionReport report) => JsonSerializer.Serialize(report, Options) + "\n";

    public static SubmissionReport? Read(string json) => JsonSerializer.Deserialize<SubmissionReport>(json, Options);
}
