using Grader.Grading.Reports;
using Microsoft.Playwright;

namespace Grader.Tests.Grading.Reports;

/// <summary>
/// The class report in a real browser: Debian's chromium (<c>apt-get install chromium</c>), driven by Playwright with
/// no browser download. The page must load from a file with no console error, no failed request and no script run,
/// and show the fixture's numbers; a screenshot is attached to the test's results.
/// </summary>
[NonParallelizable]
public class ClassReportBrowserTests
{
    public const string Chromium = "/usr/bin/chromium";

    [Test]
    public async Task ClassReport_InChromium_LoadsCleanAndShowsTheNumbers()
    {
        if (!File.Exists(Chromium))
        {
            Assert.Fail($"{Chromium} not found: install Debian's chromium (apt-get install -y chromium) to test the HTML class report; the tests install it when run as root (TestMachine)");
        }
        var dir = Path.Combine(Path.GetTempPath(), $"class-report-{Guid.NewGuid():N}");
        ClassOutputs.Write(dir, ClassReportFixture.Students, ClassReportFixture.Problems, ClassReportFixture.Reports(), []);
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
            var page = await browser.NewPageAsync();
            var problems = new List<string>();
            page.Console += (_, m) =>
            {
                if (m.Type is "error" or "warning")
                {
                    problems.Add($"console {m.Type}: {m.Text}");
                }
            };
            page.PageError += (_, e) => problems.Add("page error: " + e);
            page.RequestFailed += (_, r) => problems.Add("request failed: " + r.Url);
            page.Dialog += (_, d) => problems.Add("a script opened a dialog: " + d.Message);
            await page.GotoAsync(new Uri(Path.Combine(dir, "index.html")).AbsoluteUri);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

            Assert.That(problems, Is.Empty);
            Assert.That(await page.EvaluateAsync<int>("document.scripts.length"), Is.EqualTo(0));
            Assert.That(await page.TextContentAsync("#students"), Is.EqualTo("5"));
            Assert.That(await page.TextContentAsync("#mean"), Is.EqualTo("10"));
            Assert.That(await page.TextContentAsync("#max"), Is.EqualTo("20"));
            // Totals 0, 5, 10, 15, 20 of 20: bins 0, 2, 5, 7 and the last.
            var bins = await page.Locator("#histogram g.bin").EvaluateAllAsync<int[]>("gs => gs.map(g => +g.dataset.count)");
            Assert.That(bins, Is.EqualTo(new[] { 1, 0, 1, 0, 0, 1, 0, 1, 0, 1 }));
            var bar = await page.Locator("#histogram rect").Nth(9).BoundingBoxAsync();
            Assert.That(bar!.Height, Is.GreaterThan(100), "a bin of the tallest count is drawn full height");
            Assert.That(await page.Locator("#parts tbody tr").AllInnerTextsAsync(), Has.Count.EqualTo(3));
            Assert.That(await page.TextContentAsync("#parts tr[data-part='p1/a'] .correct"), Is.EqualTo("3 / 5"));
            Assert.That(await page.TextContentAsync("#parts tr[data-part='p2/c'] .rate"), Is.EqualTo("60%"));
            var top = await page.Locator("#misconceptions tbody tr").First.AllInnerTextsAsync();
            Assert.That(top.Single(), Does.Contain("transposed").And.EndWith("4"));
            Assert.That(await page.Locator("#students-table tbody tr").CountAsync(), Is.EqualTo(5));
            Assert.That(await page.Locator("#students-table tbody td.total").AllInnerTextsAsync(), Is.EqualTo(new[] { "10", "20", "15", "5", "0" }));
            var hostileCell = page.Locator("#students-table tbody tr").First.Locator("a");
            Assert.That(await hostileCell.InnerTextAsync(), Is.EqualTo(ClassReportFixture.Hostile), "shown as text");

            var shot = Path.Combine(TestContext.CurrentContext.WorkDirectory, "class-report.png");
            await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
            TestContext.AddTestAttachment(shot, "the class report in chromium");

            // The hostile student's own page: their link is a path under the report, and their output stays text.
            await hostileCell.ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.That(page.Url, Does.StartWith(new Uri(dir).AbsoluteUri).And.EndWith("/index.html"));
            Assert.That(await page.TextContentAsync("h1"), Is.EqualTo(ClassReportFixture.Hostile));
            Assert.That(await page.Locator("img").CountAsync(), Is.EqualTo(0));
            Assert.That(problems, Is.Empty);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
