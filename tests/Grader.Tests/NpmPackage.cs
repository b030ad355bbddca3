using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Grader.Tests;

/// <summary>
/// One file of an npm package, for the tests that run a package's code in chromium (axe-core): the package's tarball
/// is fetched from the npm registry over HTTP (no node or npm needed), checked against its pinned integrity (sha512),
/// and the file kept under a cache folder shared by test processes, which fetch one at a time under a lock. A package
/// that runs in node (html-validate) is installed there with npm instead (<see cref="Install"/>).
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

    /// <summary>
    /// The folder of <paramref name="name"/> installed with npm (its dependencies beside it) under the cache folder, once;
    /// fails the test with the reason when npm is missing or fails.
    /// </summary>
    public static string Install(string name, string version, string npm)
    {
        var prefix = Path.Combine(CacheFolder, $"{name}-{version}-npm");
        var done = Path.Combine(prefix, ".installed");
        if (!File.Exists(done))
        {
            Directory.CreateDirectory(CacheFolder);
            using var held = TestMachine.Lock(Path.Combine(CacheFolder, ".lock"), TimeSpan.FromMinutes(10));
            if (!File.Exists(done))
            {
                if (!File.Exists(npm))
                {
                    Assert.Fail($"{npm} not found: install Debian's nodejs and npm (apt-get install -y nodejs npm) to run {name}; the tests install them when run as root (TestMachine)");
                }
                Directory.CreateDirectory(prefix);
                var (exit, stdout, stderr) = Run(npm, ["install", "--prefix", prefix, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--registry", Registry, $"{name}@{version}"], TimeSpan.FromMinutes(5));
                if (exit != 0)
                {
                    Assert.Fail($"npm could not install {name} {version} from {Registry} (exit {exit}): {(stdout + stderr)[Math.Max(0, (stdout + stderr).Length - 2000)..]}");
                }
                File.WriteAllText(done, version);
            }
        }
        return Path.Combine(prefix, "node_modules", name);
    }

    /// <summary>Runs a program to its end (killed after <paramref name="patience"/>): its exit code and what it wrote.</summary>
    public static (int Exit, string Stdout, string Stderr) Run(string program, IEnumerable<string> args, TimeSpan patience)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(patience))
        {
            p.Kill(entireProcessTree: true);
            return (-1, "", $"{program}: no answer in {patience.TotalMinutes} minutes");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
