using System.Xml;
using System.Xml.Schema;

namespace Grader.Tests.Grading.Reports;

/// <summary>JUnit XML held to the Jenkins xunit plugin's junit-10.xsd (tests/Grader.Tests/Fixtures/junit, with its source and license).</summary>
public static class JUnitSchema
{
    private static readonly XmlSchemaSet Schemas = Load();

    private static XmlSchemaSet Load()
    {
        var set = new XmlSchemaSet();
        using var reader = XmlReader.Create(Repo.Path("tests", "Grader.Tests", "Fixtures", "junit", "junit-10.xsd"));
        set.Add(null, reader);
        set.Compile();
        return set;
    }

    /// <summary>Every way <paramref name="xml"/> breaks the schema (empty when it is valid), each with its line and column.</summary>
    public static IReadOnlyList<string> Errors(string xml)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Schemas };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} at {e.Exception.LineNumber}:{e.Exception.LinePosition}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }
        return errors;
    }
}
