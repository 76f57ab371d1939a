using System.Text.RegularExpressions;
using HFDesk.HubEmulator;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HFDesk.UiTests;

/// <summary>The moment of choice (issue 15 items 1–5, 8): the repo page and search say what a user needs to choose.</summary>
[Collection(UiTestGroup.Name)]
public sealed class ChoosingTests(BrowserFixture browser)
{
    [Fact(Timeout = 120_000)]
    public async Task PlanBox_RecommendedItemsTicked_NamesTheSelectionNotTheEntireRepository()
    {
        await using var app = await UiApp.StartAsync(browser.Browser, TestContext.Current.CancellationToken);
        var page = app.Page;

        await app.GotoAsync($"#/repo/{StandardFixtures.GgufRepo}");
        var selection = page.GetByTestId("plan-selection");
        await Expect(selection).ToContainTextAsync("Selected: ");
        await Expect(selection).ToContainTextAsync("Q4_K_M");
        await Expect(selection).Not.ToContainTextAsync("entire repository");

        // Only when the user unticks everything is the plan the whole repository, and then it says so.
        var ticked = page.Locator(".selection input[type=checkbox]:checked");
        for (var i = await ticked.CountAsync(); i > 0; i--)
        {
            await ticked.First.UncheckAsync();
        }

        await Expect(selection).ToContainTextAsync("Nothing selected: the entire repository", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("plan-files")).ToHaveTextAsync(new Regex("^([2-9]|[1-9][0-9]+)$"));
    }

    [Fact(Timeout = 120_000)]
    public async Task DownloadButton_LongPageOnAPhone_StaysInViewWhileScrolling()
    {
        await using var app = await UiApp.StartAsync(browser.Browser, TestContext.Current.CancellationToken, width: 390, height: 844);
        var page = app.Page;

        await app.GotoAsync($"#/repo/{StandardFixtures.GgufRepo}");
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Download" });
        await Expect(button).ToBeEnabledAsync();
        var pageHeight = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        Assert.True(pageHeight > 2 * 844, $"the page is only {pageHeight}px high: too short to prove anything");

        foreach (var fraction in new[] { 0.0, 0.5, 1.0 })
        {
            await page.EvaluateAsync("f => window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) * f)", fraction);
            var inView = await button.EvaluateAsync<bool>("b => { const r = b.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight && r.height > 0; }");
            Assert.True(inView, $"the Download button is out of view when scrolled to {fraction:P0}");
        }

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 1, $"page is {overflow}px wider than a 390px window");
    }

    [Fact(Timeout = 180_000)]
    public async Task QuantAlreadyOnDisk_IsMarkedAndOthersAreNot()
    {
        await using var app = await UiApp.StartAsync(browser.Browser, TestContext.Current.CancellationToken);
        var page = app.Page;
        await app.DownloadAsync(new { repo = StandardFixtures.GgufRepo, filters = new[] { "Q4_K_M" }, exactMatch = true }, TestContext.Current.CancellationToken);

        await app.GotoAsync($"#/repo/{StandardFixtures.GgufRepo}");
        var quants = page.Locator("fieldset[data-category=quantization]");
        await Expect(quants.Locator("li", new() { HasText = "Q4_K_M" }).GetByTestId("on-disk")).ToBeVisibleAsync();
        await Expect(quants.Locator("li", new() { HasText = "Q8_0" }).GetByTestId("on-disk")).ToHaveCountAsync(0);
        await Expect(quants.GetByTestId("on-disk")).ToHaveCountAsync(1);
    }

    [Fact(Timeout = 120_000)]
    public async Task Search_PastedOwnerNameOrHubUrl_OpensThatRepository()
    {
        await using var app = await UiApp.StartAsync(browser.Browser, TestContext.Current.CancellationToken);
        var page = app.Page;
        var box = page.GetByRole(AriaRole.Searchbox, new() { Name = "Search the Hub" });

        await app.GotoAsync("");
        await box.FillAsync(StandardFixtures.TransformersRepo);
        await box.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex($"#/repo/{Regex.Escape(StandardFixtures.TransformersRepo)}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = StandardFixtures.TransformersRepo, Level = 1 })).ToBeVisibleAsync();

        await app.GotoAsync("");
        await box.FillAsync($"https://huggingface.co/{StandardFixtures.GgufRepo}/tree/main");
        await box.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex($"#/repo/{Regex.Escape(StandardFixtures.GgufRepo)}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = StandardFixtures.GgufRepo, Level = 1 })).ToBeVisibleAsync();
    }

    [Fact(Timeout = 180_000)]
    public async Task SearchCards_ShowFormatsAndWhatIsOnDisk()
    {
        await using var app = await UiApp.StartAsync(browser.Browser, TestContext.Current.CancellationToken);
        var page = app.Page;
        await app.DownloadAsync(new { repo = StandardFixtures.GgufRepo, filters = new[] { "Q4_K_M" }, exactMatch = true }, TestContext.Current.CancellationToken);

        await app.GotoAsync("#/search?q=tiny");
        var gguf = page.Locator(".result", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = StandardFixtures.GgufRepo, Exact = true }) });
        var transformers = page.Locator(".result", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = StandardFixtures.TransformersRepo, Exact = true }) });
        await Expect(gguf.GetByTestId("format")).ToHaveTextAsync(["GGUF"]);
        await Expect(gguf.GetByTestId("local-badge")).ToBeVisibleAsync();
        await Expect(transformers.GetByTestId("format")).ToHaveTextAsync(["safetensors", "ONNX"]);
        await Expect(transformers.GetByTestId("local-badge")).ToHaveCountAsync(0);

        // Parameter counts come from the Hub's safetensors/gguf headers where it has them.
        await Expect(gguf.GetByTestId("parameters")).ToHaveTextAsync("1.1B params");
        await Expect(transformers.GetByTestId("parameters")).ToHaveTextAsync("128K params");
    }
}
