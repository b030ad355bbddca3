namespace Grader.Tests;

/// <summary>
/// Approval testing: output is compared with a committed file under tests/Grader.Tests/Approved/.
/// A difference (or a missing file) fails and writes <c>.received</c> beside it; review, then rename to approve.
/// Setting GRADER_APPROVE=1 approves everything received (for a deliberate change of output).
/// </summary>
public static class Approvals
{
    /// <summary>A report file's JSON without what depends on the machine: the fingerprint and how the sandbox ran.</summary>
    public static string ScrubbedReport(string path)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        json.Remove("fingerprint");
        json.Remove("sandbox");
        return json.ToJsonString(Grader.Grading.Reports.ReportJson.Options) + "\n";
    }

    public static string ApprovedReport(string name) => File.ReadAllText(Repo.Path("tests", "Grader.Tests", "Approved", "reports", name));

    public static void Verify(string name, string actual)
    {
        var approved = Repo.Path("tests", "Grader.Tests", "Approved", name);
        var received = approved + ".received";
        actual = actual.Replace("\r\n", "\n");
        if (Environment.GetEnvironmentVariable("GRADER_APPROVE") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(approved)!);
            File.WriteAllText(approved, actual);
        }
        if (File.Exists(approved) && File.ReadAllText(approved).Replace("\r\n", "\n") == actual)
        {
            File.Delete(received);
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(received)!);
        File.WriteAllText(received, actual);
        Assert.Fail(File.Exists(approved)
            ? $"output differs from {approved}; see {received}"
            : $"no approved file {approved}; review {received} and rename it to approve");
    }
}
