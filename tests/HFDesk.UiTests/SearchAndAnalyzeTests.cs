using HFDesk.HubEmulator;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HFDesk.UiTests;

[Collection(UiTestGroup.Name)]
public sealed class SearchAndAnalyzeTests(BrowserFixture browser)
{
    [Fact(Timeout = 120_000)]
    public async Task Search_KeywordsThenRepoLink_OpensAnalysisWithRecommendedQuantAndPlan()
    {
        await using var app = await UiApp.StartAsync(browser.Browser, TestContext.Current.CancellationToken);
        var page = app.Page;

        await app.GotoAsync("");
        var box = page.GetByRole(AriaRole.Searchbox, new() { Name = "Search the Hub" });
        await box.FillAsync("GGUF");
        await box.PressAsync("Enter");

        var result = page.GetByRole(AriaRole.Link, new() { Name = StandardFixtures.GgufRepo, Exact = true });
        await Expect(result).ToBeVisibleAsync();
        await Expect(page.Locator(".result").First).ToContainTextAsync("text-generation");
        await app.ScreenshotAsync("search");

        await result.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = StandardFixtures.GgufRepo, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".summary")).ToContainTextAsync("GGUF");

        // Exactly one quantization is pre-selected, and it is the recommended Q4_K_M.
        var quantGroup = page.Locator("fieldset[data-category=quantization]");
        await Expect(quantGroup.Locator("input:checked")).ToHaveCountAsync(1);
        await Expect(quantGroup.Locator(".item-recommended")).ToContainTextAsync("Q4_K_M");
        await Expect(quantGroup.Locator(".item-recommended input")).ToBeCheckedAsync();
        await Expect(page.Locator("fieldset[data-category=vision_encoder] input:checked")).ToHaveCountAsync(1);

        // The live plan preview lists what would be fetched, including the recommended file.
        await page.Locator(".plan details summary").ClickAsync();
        await Expect(page.Locator(".plan-files")).ToContainTextAsync(StandardFixtures.GgufRecommendedFile);
        await Expect(page.Locator(".plan-files")).Not.ToContainTextAsync("Q8_0");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Download" })).ToBeEnabledAsync();
        await app.ScreenshotAsync("repository", fullPage: false);

        // Changing the selection re-plans: Q8_0 joins the plan.
        await quantGroup.Locator("li", new() { HasText = "Q8_0" }).Locator("input").CheckAsync();
        await Expect(page.Locator(".plan-files")).ToContainTextAsync("Q8_0", new() { Timeout = 30_000 });
    }

    [Fact(Timeout = 120_000)]
    public async Task Search_RepoWithoutOwner_CardOpensItsPageAndPastedUrlOpensItDirectly()
    {
        await using var app = await UiApp.StartAsync(browser.Browser, TestContext.Current.CancellationToken);
        var page = app.Page;

        await app.GotoAsync("");
        var box = page.GetByRole(AriaRole.Searchbox, new() { Name = "Search the Hub" });
        await box.FillAsync(StandardFixtures.NoNamespaceRepo);
        await box.PressAsync("Enter");
        var card = page.GetByRole(AriaRole.Link, new() { Name = StandardFixtures.NoNamespaceRepo, Exact = true });
        await card.ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"#/repo/{StandardFixtures.NoNamespaceRepo}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = StandardFixtures.NoNamespaceRepo, Level = 1 })).ToBeVisibleAsync();
        await page.Locator(".plan details summary").ClickAsync();
        await Expect(page.Locator(".plan-files")).ToContainTextAsync("model.safetensors");

        // A Hub link without an owner names exactly that repo: the search page goes straight to it.
        await app.GotoAsync("");
        await box.FillAsync($"https://huggingface.co/{StandardFixtures.NoNamespaceRepo}/tree/main");
        await box.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = StandardFixtures.NoNamespaceRepo, Level = 1 })).ToBeVisibleAsync();
    }

    [Fact(Timeout = 120_000)]
    public async Task Repository_TransformersOtherFormatChosen_PlanKeepsConfigAndTokenizer()
    {
        await using var app = await UiApp.StartAsync(browser.Browser, TestContext.Current.CancellationToken);
        var page = app.Page;

        await app.GotoAsync($"#/repo/{StandardFixtures.TransformersRepo}");
        var formats = page.Locator("fieldset[data-category=format]");
        await Expect(formats.Locator("li", new() { HasText = "safetensors" }).Locator("input")).ToBeCheckedAsync();
        await page.Locator(".plan details summary").ClickAsync();
        await Expect(page.Locator(".plan-files")).ToContainTextAsync("config.json");
        await Expect(page.Locator(".plan-files")).Not.ToContainTextAsync("pytorch_model.bin");

        // Swapping the weights format keeps what makes them usable.
        await formats.Locator("li", new() { HasText = "safetensors" }).Locator("input").UncheckAsync();
        await formats.Locator("li", new() { HasText = "pytorch" }).Locator("input").CheckAsync();
        await page.Locator(".plan details summary").ClickAsync();
        await Expect(page.Locator(".plan-files")).ToContainTextAsync("pytorch_model.bin", new() { Timeout = 30_000 });
        await Expect(page.Locator(".plan-files")).ToContainTextAsync("tokenizer.json");
        await Expect(page.Locator(".plan-files")).ToContainTextAsync("config.json");
        await Expect(page.Locator(".plan-files")).Not.ToContainTextAsync(".safetensors");
    }

    [Fact(Timeout = 120_000)]
    public async Task Search_DatasetsToggle_ShowsDatasetsOnly()
    {
        await using var app = await UiApp.StartAsync(browser.Browser, TestContext.Current.CancellationToken);
        var page = app.Page;

        await app.GotoAsync("");
        await page.GetByText("Datasets", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search the Hub" }).FillAsync("parquet");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = StandardFixtures.ParquetDataset, Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = StandardFixtures.GgufRepo, Exact = true })).ToHaveCountAsync(0);
    }

    [Fact(Timeout = 120_000)]
    public async Task Repository_Unknown_ShowsPlainErrorNotJson()
    {
        await using var app = await UiApp.StartAsync(browser.Browser, TestContext.Current.CancellationToken);
        var page = app.Page;

        await app.GotoAsync("#/repo/emulator/does-not-exist");

        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToBeVisibleAsync();
        await Expect(alert).ToContainTextAsync("cannot be opened");
        await Expect(alert).Not.ToContainTextAsync("error_detail");
        await Expect(alert).Not.ToContainTextAsync("{");
        // A misspelt name is the likely cause; the page must not send the user off to check their token.
        await Expect(alert).ToContainTextAsync("Check the spelling");
        await Expect(alert).Not.ToContainTextAsync("access token in Settings");
    }

    [Fact(Timeout = 120_000)]
    public async Task NarrowWindow_SearchAndRepository_HaveNoHorizontalScroll()
    {
        await using var app = await UiApp.StartAsync(browser.Browser, TestContext.Current.CancellationToken, width: 390, height: 844);
        var page = app.Page;

        await app.GotoAsync($"#/repo/{StandardFixtures.GgufRepo}");
        await Expect(page.Locator("[data-testid=plan-files]")).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 1, $"page is {overflow}px wider than a 390px window");
        await app.ScreenshotAsync("repository-narrow");
    }
}
