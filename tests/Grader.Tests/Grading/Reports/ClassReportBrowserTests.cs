using System.Text.Json;
using Grader.Grading.Reports;
using Microsoft.Playwright;
using Mistakes = Grader.Problems.Feedback.Mistakes;

namespace Grader.Tests.Grading.Reports;

/// <summary>
/// The class report in a real browser: Debian's chromium (<c>apt-get install chromium</c>), driven by Playwright with
/// no browser download. The page must load from a file with no console error (a style the CSP refuses is one), no
/// failed request and no script run, and show the fixture's numbers; in a 1,280 x 720 window a class of 40 students
/// and 14 problems must not scroll sideways and must show who needs help and the hardest parts on the first screen;
/// axe-core (the npm package's own code, <see cref="NpmPackage"/>) finds nothing on the class report or a student's
/// page. Screenshots are attached to the test's results (class-report.png is the first screen).
/// </summary>
[NonParallelizable]
public class ClassReportBrowserTests
{
    public const string Chromium = "/usr/bin/chromium";

    public const int Width = 1280, Height = 720;

    /// <summary>axe-core, pinned with its integrity as the npm registry publishes it.</summary>
    private const string AxeVersion = "4.14.1", AxeIntegrity = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==";

    /// <summary>axe-core's rules for WCAG 2.0, 2.1 and 2.2 at levels A and AA, and its best practices.</summary>
    private static readonly string[] AxeTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

    [Test]
    public async Task ClassReport_InChromium_LoadsCleanAndShowsTheNumbers()
    {
        await using var run = await Open(ClassReportFixture.Students, ClassReportFixture.Problems, ClassReportFixture.Reports());
        var page = run.Page;

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
        var fill = await page.Locator("#parts tr[data-part='p2/c'] svg.bar rect.fill").BoundingBoxAsync();
        var track = await page.Locator("#parts tr[data-part='p2/c'] svg.bar rect.track").BoundingBoxAsync();
        Assert.That(fill!.Width / track!.Width, Is.EqualTo(0.6).Within(0.02), "the bar is drawn to the pass rate");
        var top = await page.Locator("#misconceptions tbody tr").First.AllInnerTextsAsync();
        Assert.That(top.Single(), Does.Contain("transposed").And.Contain(Mistakes.Sentences["transposed"]).And.EndWith("4"));
        Assert.That(await page.Locator("#students-table tbody td.total").AllInnerTextsAsync(), Is.EqualTo(new[] { "0", "5", "10", "15", "20" }), "lowest total first");
        var hostileCell = page.Locator("#students-table tbody td.name a").Nth(2);
        Assert.That(await hostileCell.InnerTextAsync(), Is.EqualTo(ClassReportFixture.Hostile), "shown as text");
        await Attach(page, "class-report-small.png", "the small class report in chromium", fullPage: true);

        // The hostile student's own page: their link is a path under the report, and their output stays text.
        await hostileCell.ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.That(page.Url, Does.StartWith(new Uri(run.Dir).AbsoluteUri).And.EndWith("/index.html"));
        Assert.That(await page.TextContentAsync("h1"), Is.EqualTo(ClassReportFixture.Hostile));
        Assert.That(await page.Locator("img").CountAsync(), Is.EqualTo(0));
        Assert.That(run.Problems, Is.Empty);
    }

    [Test]
    public async Task ClassReport_FortyStudents_AnswersWhoNeedsHelpAndWhichPartsWereHardestInOneScreen()
    {
        var reports = LargeClassFixture.Reports();
        var students = LargeClassFixture.Students;
        var problems = LargeClassFixture.Problems;
        await using var run = await Open(students, problems, reports);
        var page = run.Page;
        await Attach(page, "class-report.png", "the first screen of a class of 40 in a 1280 x 720 window", fullPage: false);
        await Attach(page, "class-report-full.png", "the whole class report of a class of 40", fullPage: true);

        Assert.That(await page.EvaluateAsync<int>("document.scrollingElement.scrollWidth"), Is.LessThanOrEqualTo(Width), "no sideways scrolling");
        foreach (var answer in new[] { "#help", "#hardest" })
        {
            var box = await page.Locator(answer).BoundingBoxAsync();
            Assert.That(box!.Y + box.Height, Is.LessThanOrEqualTo(Height), $"{answer} is on the first screen");
        }
        var nameCells = page.Locator("#students-table tbody td.name");
        Assert.That(await nameCells.EvaluateAllAsync<bool>("cs => cs.every(c => c.scrollWidth <= c.clientWidth && c.querySelector('a').getClientRects().length === 1)"),
            Is.True, "every name fits its cell on one line");

        // Students, lowest total first (ties by name), as the reports add up.
        double Total(string s) => problems.Sum(p => reports[(s, p.Id)].Score);
        var expected = students.OrderBy(Total).ThenBy(s => s, StringComparer.Ordinal).ToList();
        Assert.That(await page.Locator("#students-table tbody td.name a").AllInnerTextsAsync(), Is.EqualTo(expected));
        Assert.That(await page.TextContentAsync("#students-table thead th.n"), Is.EqualTo($"total / {problems.Sum(p => p.MaxScore)}"));

        // Who needs help: in that order, every student who did not compile or did not submit, marked as such, and the lowest who submitted.
        var help = (await page.Locator("#help-list li a").AllInnerTextsAsync()).ToList();
        Assert.That(help, Is.EqualTo(expected.Where(help.Contains).ToList()), "lowest total first");
        foreach (var s in LargeClassFixture.CompileErrors.Keys)
        {
            Assert.That(await HelpItem(page, s), Does.Contain("did not compile"), s);
        }
        foreach (var (s, missing) in LargeClassFixture.NotSubmitted)
        {
            Assert.That(await HelpItem(page, s), Does.Contain(missing.Length == problems.Count ? "submitted nothing" : $"did not submit {missing.Length}"), s);
        }
        var lowest = expected.First(s => !(LargeClassFixture.NotSubmitted.GetValueOrDefault(s)?.Length == problems.Count));
        Assert.That(await HelpItem(page, lowest), Does.Contain("lowest"));
        Assert.That(await page.Locator("#students-table tbody tr").Filter(new() { HasText = "jin-park" }).Locator("td.missing").CountAsync(), Is.EqualTo(3));

        // The hardest parts: lowest pass rate among those who submitted, each with its most frequent mistake in words and how many made it.
        var parts = problems.SelectMany(p => p.Parts.Select(x => (Key: $"{p.Id}/{x.Id}", Results: students.Select(s => reports[(s, p.Id)])
            .Where(r => r.Status != Status.Missing).Select(r => (r.Student, Part: r.Parts.Single(y => y.Id == x.Id))).ToList()))).ToList();
        var hardest = parts.Select(x => (x.Key, x.Results, Rate: (double)x.Results.Count(r => r.Part.Status == Status.Correct) / x.Results.Count))
            .Where(x => x.Rate < 1).OrderBy(x => x.Rate).Take(5).ToList();
        var items = page.Locator("#hardest-list > li");
        Assert.That(await items.EvaluateAllAsync<string[]>("ls => ls.map(l => l.dataset.part)"), Is.EqualTo(hardest.Select(x => x.Key)));
        Assert.That(hardest.Select(x => x.Key), Is.SubsetOf(LargeClassFixture.Hard.Keys), "the fixture's hard parts are the hardest");
        for (var i = 0; i < hardest.Count; i++)
        {
            var top = hardest[i].Results.Where(r => r.Part.Misconception is not null).GroupBy(r => r.Part.Misconception!)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First();
            var item = items.Nth(i);
            Assert.That(await item.Locator(".sentence").InnerTextAsync(), Is.EqualTo(Mistakes.Sentences[top.Key]), hardest[i].Key);
            Assert.That(await item.Locator(".count").InnerTextAsync(), Is.EqualTo(top.Count().ToString(System.Globalization.CultureInfo.InvariantCulture)), hardest[i].Key);
            Assert.That(await item.Locator(".rate").InnerTextAsync(), Is.EqualTo($"{hardest[i].Rate * 100:0}%"), hardest[i].Key);
            await item.Locator("summary").ClickAsync();
            Assert.That(await item.Locator("details a").AllInnerTextsAsync(), Is.EquivalentTo(top.Select(r => r.Student)), hardest[i].Key);
        }

        // The links to the students who made a mistake work: the first of the hardest part's leads to that student's page.
        var link = items.First.Locator("details a").First;
        var who = await link.InnerTextAsync();
        await link.ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.That(await page.TextContentAsync("h1"), Is.EqualTo(who));
        Assert.That(run.Problems, Is.Empty);
    }

    [Test]
    public async Task StudentPage_TotalFirst_MissingProblemsInOneLine()
    {
        var reports = LargeClassFixture.Reports();
        var problems = LargeClassFixture.Problems;
        const string student = "jin-park";
        await using var run = await Open(LargeClassFixture.Students, problems, reports, student + "/index.html");
        var page = run.Page;
        await Attach(page, "student-page.png", "a student's page", fullPage: true);

        var first = await page.EvaluateAsync<string>("document.querySelector('main h1').nextElementSibling.id");
        Assert.That(first, Is.EqualTo("total"), "the total comes right under the name");
        var total = problems.Sum(p => reports[(student, p.Id)].Score);
        Assert.That(await page.InnerTextAsync("#total"), Does.Contain($"{total:0.##} / {problems.Sum(p => p.MaxScore)}"));
        var missing = page.Locator("#missing");
        Assert.That(await missing.InnerTextAsync(), Does.Contain(string.Join(", ", LargeClassFixture.NotSubmitted[student])));
        var lines = await missing.EvaluateAsync<double>("e => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight)");
        Assert.That(lines, Is.LessThan(1.5), "one line");
        var sections = await page.Locator("main h2").AllInnerTextsAsync();
        Assert.That(sections, Has.Count.EqualTo(problems.Count - LargeClassFixture.NotSubmitted[student].Length), "a problem not submitted has no section");
        Assert.That(run.Problems, Is.Empty);
    }

    [TestCase("index.html")]
    [TestCase("ben-li/index.html")]
    [TestCase("jin-park/index.html")]
    public async Task Page_AxeCore_NoViolation_NoStyleAttribute_StrictCsp(string file)
    {
        var axe = NpmPackage.Text("axe-core", AxeVersion, AxeIntegrity, "axe.min.js");
        await using var run = await Open(LargeClassFixture.Students, LargeClassFixture.Problems, LargeClassFixture.Reports(), file);
        var page = run.Page;
        Assert.That(await page.EvaluateAsync<int>("document.querySelectorAll('[style]').length"), Is.EqualTo(0), "no style attribute");
        var csp = await page.GetAttributeAsync("meta[http-equiv='Content-Security-Policy']", "content");
        Assert.That(csp, Does.Contain("default-src 'none'").And.Contain("style-src 'sha256-").And.Not.Contain("unsafe"));
        Assert.That(await page.EvaluateAsync<string>("getComputedStyle(document.body).marginTop"), Is.EqualTo("0px"), "the stylesheet the CSP allows is applied");
        Assert.That(run.Problems, Is.Empty, "no style or script refused by the CSP");

        // axe-core itself is a script, which the page's CSP refuses: it runs in a second page of the same file with CSP bypassed.
        await using var context = await run.Browser.NewContextAsync(new() { BypassCSP = true, ViewportSize = new() { Width = Width, Height = Height } });
        var checkedPage = await context.NewPageAsync();
        await checkedPage.GotoAsync(new Uri(Path.Combine(run.Dir, file)).AbsoluteUri);
        await checkedPage.AddScriptTagAsync(new() { Content = axe });
        var result = await checkedPage.EvaluateAsync<JsonElement>(
            "async tags => { const r = await axe.run(document, { runOnly: { type: 'tag', values: tags } }); "
            + "return { version: axe.version, passes: r.passes.length, violations: r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', ')) }; }",
            AxeTags);
        Assert.That(result.GetProperty("version").GetString(), Is.EqualTo(AxeVersion));
        Assert.That(result.GetProperty("passes").GetInt32(), Is.GreaterThan(10), "axe ran its rules");
        Assert.That(result.GetProperty("violations").EnumerateArray().Select(v => v.GetString()), Is.Empty, $"axe-core {AxeVersion} on {file}");
    }

    private static async Task<string> HelpItem(IPage page, string student)
    {
        var texts = await page.Locator("#help-list li").AllInnerTextsAsync();
        return texts.SingleOrDefault(t => t.StartsWith(student + " ", StringComparison.Ordinal)) ?? $"({student} not in the list)";
    }

    private static async Task Attach(IPage page, string name, string description, bool fullPage)
    {
        var shot = Path.Combine(TestContext.CurrentContext.WorkDirectory, name);
        await page.ScreenshotAsync(new() { Path = shot, FullPage = fullPage });
        TestContext.AddTestAttachment(shot, description);
    }

    /// <summary>The class outputs written to a new folder and one of its pages open in chromium at <see cref="Width"/> x <see cref="Height"/>, with every console error, page error and failed request kept.</summary>
    private static async Task<Run> Open(IReadOnlyList<string> students, IReadOnlyList<ProblemInfo> problems,
        IReadOnlyDictionary<(string Student, string Problem), SubmissionReport> reports, string file = "index.html")
    {
        if (!File.Exists(Chromium))
        {
            Assert.Fail($"{Chromium} not found: install Debian's chromium (apt-get install -y chromium) to test the HTML class report; the tests install it when run as root (TestMachine)");
        }
        var dir = Path.Combine(Path.GetTempPath(), $"class-report-{Guid.NewGuid():N}");
        ClassOutputs.Write(dir, students, problems, reports, []);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = Width, Height = Height } });
        var run = new Run(dir, playwright, browser, page);
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning")
            {
                run.Problems.Add($"console {m.Type}: {m.Text}");
            }
        };
        page.PageError += (_, e) => run.Problems.Add("page error: " + e);
        page.RequestFailed += (_, r) => run.Problems.Add("request failed: " + r.Url);
        page.Dialog += (_, d) => run.Problems.Add("a script opened a dialog: " + d.Message);
        await page.GotoAsync(new Uri(Path.Combine(dir, file)).AbsoluteUri);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return run;
    }

    private sealed record Run(string Dir, IPlaywright Playwright, IBrowser Browser, IPage Page) : IAsyncDisposable
    {
        public List<string> Problems { get; } = [];

        public async ValueTask DisposeAsync()
        {
            await Browser.DisposeAsync();
            Playwright.Dispose();
            Directory.Delete(Dir, true);
        }
    }
}
