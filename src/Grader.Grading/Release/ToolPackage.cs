using System.IO.Compression;
using System.Security;

namespace Grader.Grading.Release;

/// <summary>
/// The grader as a .NET tool package (<c>Grader.Tool.&lt;version&gt;.nupkg</c>), made from the running grader's own
/// folder: what a build or an installed tool holds (grader.dll, its dependencies, the sandboxed worker and its Roslyn)
/// under <c>tools/net10.0/any/</c>, with the settings that make <c>dotnet tool install</c> link the command
/// <c>grader</c> to it. No SDK or network is needed to make it, and it installs offline from the folder it is in.
/// </summary>
public static class ToolPackage
{
    public const string Id = "Grader.Tool";
    public const string Command = "grader";
    private const string ToolFolder = "tools/net10.0/any/";

    /// <summary>
    /// The package's version: 1.0 and the build's time in minutes since 2020 (the newest file of the grader's
    /// folder), so that a kit made from another build never meets this one's copy in a NuGet cache.
    /// </summary>
    public static string Version(string graderDir)
    {
        var newest = Files(graderDir).Select(f => File.GetLastWriteTimeUtc(f)).DefaultIfEmpty(DateTime.UnixEpoch).Max();
        var minutes = (long)Math.Max(0, (newest - new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalMinutes);
        return $"1.0.{minutes}";
    }

    /// <summary>Writes the package into <paramref name="outDir"/> and returns its path.</summary>
    public static string Write(string graderDir, string outDir)
    {
        var version = Version(graderDir);
        var path = Path.Combine(outDir, $"{Id}.{version}.nupkg");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        Text(zip, "[Content_Types].xml", """
            <?xml version="1.0" encoding="utf-8"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
              <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" />
              <Default Extension="nuspec" ContentType="application/octet" />
              <Default Extension="dll" ContentType="application/octet" />
              <Default Extension="json" ContentType="application/octet" />
              <Default Extension="xml" ContentType="application/octet" />
              <Default Extension="pdb" ContentType="application/octet" />
            </Types>
            """);
        Text(zip, "_rels/.rels", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
              <Relationship Type="http://schemas.microsoft.com/packaging/2010/07/manifest" Target="/{Id}.nuspec" Id="R1" />
            </Relationships>
            """);
        Text(zip, $"{Id}.nuspec", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata>
                <id>{Id}</id>
                <version>{version}</version>
                <authors>grader</authors>
                <description>{SecurityElement.Escape("The deep-learning homework grader: a student's offline pre-check (grader check <id>.public.yaml <id>.csx) and the instructor's batch.")}</description>
                <packageTypes>
                  <packageType name="DotnetTool" />
                </packageTypes>
              </metadata>
            </package>
            """);
        Text(zip, ToolFolder + "DotnetToolSettings.xml", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <DotNetCliTool Version="1">
              <Commands>
                <Command Name="{Command}" EntryPoint="grader.dll" Runner="dotnet" />
              </Commands>
            </DotNetCliTool>
            """);
        foreach (var file in Files(graderDir))
        {
            var name = Path.GetRelativePath(graderDir, file).Replace('\\', '/');
            zip.CreateEntryFromFile(file, ToolFolder + name, CompressionLevel.Optimal);
        }
        return path;
    }

    /// <summary>
    /// The grader's files: everything beside grader.dll but its native launchers (the tool's own shim starts it) and
    /// anything a grade left there.
    /// </summary>
    public static IEnumerable<string> Files(string graderDir) =>
        Directory.EnumerateFiles(graderDir, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetRelativePath(graderDir, f) is var rel
                && !rel.StartsWith('.') && rel != Command && rel != Command + ".exe" && !rel.Contains("/.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static void Text(ZipArchive zip, string name, string text)
    {
        using var w = new StreamWriter(zip.CreateEntry(name).Open(), new System.Text.UTF8Encoding(false));
        w.Write(text);
    }
}
