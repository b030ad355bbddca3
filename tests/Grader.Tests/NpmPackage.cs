using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Grader.Tests;

/// <summary>
/// One file of an npm package, for the tests that run a package's code in chromium (axe-core): the package's tarball
/// is fetched from the npm registry over HTTP (no node or npm needed), checked against its pinned integrity (sha512),
/// and the file kept under a cache folder shared by test processes, which fetch one at a time under a lock.
/// </summary>
public static class NpmPackage
{
    /// <summary>The registry: npm's own setting when set in the environment, else the public registry.</summary>
    public static string Registry => (Environment.GetEnvironmentVariable("npm_config_registry") ?? "https://registry.npmjs.org/").TrimEnd('/') + "/";

    public static string CacheFolder => Path.Combine(Path.GetTempPath(), "grader-tests-npm");

    /// <summary>The text of <paramref name="file"/> (a path inside the package, as <c>axe.min.js</c>); fails the test with the reason when it cannot be had.</summary>
    public static string Text(string name, string version, string integrity, string file)
    {
        var cached = Path.Combine(CacheFolder, $"{name}-{version}", file);
        if (File.Exists(cached))
        {
            return File.ReadAllText(cached);
        }
        Directory.CreateDirectory(CacheFolder);
        using var held = TestMachine.Lock(Path.Combine(CacheFolder, ".lock"), TimeSpan.FromMinutes(5));
        if (!File.Exists(cached))
        {
            var url = $"{Registry}{name}/-/{name}-{version}.tgz";
            byte[] tarball;
            try
            {
                using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
                tarball = http.GetByteArrayAsync(url).GetAwaiter().GetResult();
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Assert.Fail($"could not fetch {name} {version} from the npm registry ({url}): {ex.Message}. This test runs that package's code in chromium; "
                    + "set npm_config_registry to a registry this machine reaches");
                throw;
            }
            var actual = "sha512-" + Convert.ToBase64String(SHA512.HashData(tarball));
            Assert.That(actual, Is.EqualTo(integrity), $"{url} is not the {name} {version} that npm published (integrity)");
            using var tar = new TarReader(new GZipStream(new MemoryStream(tarball), CompressionMode.Decompress));
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.Name == "package/" + file && entry.DataStream is { } data)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
                    var temporary = cached + ".tmp";
                    using (var output = File.Create(temporary))
                    {
                        data.CopyTo(output);
                    }
                    File.Move(temporary, cached, overwrite: true);
                    break;
                }
            }
            if (!File.Exists(cached))
            {
                Assert.Fail($"{url} holds no package/{file}");
            }
        }
        return File.ReadAllText(cached);
    }
}
