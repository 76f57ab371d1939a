using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
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

        var firstPlan = page.WaitForRequestAsync(r => r.Method == "POST" && r.Url.EndsWith("/api/plan", StringComparison.Ordinal));
        await app.GotoAsync($"#/repo/{StandardFixtures.GgufRepo}");
        var selection = page.GetByTestId("plan-selection");

        // The page sends the analyzer's item ids and lets the server expand them: no filters of its own.
        using (var sent = JsonDocument.Parse((await firstPlan).PostData!))
        {
            Assert.Equal(["mmproj-f16", "q4_k_m"], sent.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetString()).Order(StringComparer.Ordinal));
            Assert.False(sent.RootElement.TryGetProperty("filters", out _));
        }

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

    [Fact(Timeout = 180_000)]
    public async Task FitBadges_InjectedMachine_SayFitsPartlyTooLargeAndHighlightTheBestThatFits()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await UiApp.StartAsync(browser.Browser, ct);
        var page = app.Page;

        // Quants of 1, 80 and 200 MiB (real GGUF headers, TinyLlama's shape). Every estimate carries the same KV cache
        // and runtime margin, so the machine is cut from the smallest estimate: Q2_K fits in graphics memory, Q4_K_M
        // only with system memory too, BF16 in neither.
        const long MiB = 1L << 20;
        const double GiB = 1L << 30;
        app.Emulator.Repos.Add(RepoFixture.Model("emulator/Fit-GGUF")
            .WithFile("README.md", "# Fit\n")
            .WithFile("Fit-Q2_K.gguf", 1 * MiB)
            .WithFile("Fit-Q4_K_M.gguf", 80 * MiB)
            .WithFile("Fit-BF16.gguf", 200 * MiB)
            .WithTags("gguf"));
        long smallest;
        using (var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(60) })
        {
            var analysis = await http.GetFromJsonAsync<JsonElement>("/api/analyze/emulator/Fit-GGUF", ct);
            smallest = analysis.GetProperty("selectable_items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "q2_k").GetProperty("estimated_ram").GetInt64();
        }

        var vram = smallest + (8 * MiB);
        const long ram = 128 * MiB;

        // The machine is set where a user sets it: Settings, "This machine, for fit badges".
        await app.GotoAsync("#/settings");
        await page.GetByLabel("Memory (RAM) in GiB").FillAsync((ram / GiB).ToString("R", CultureInfo.InvariantCulture));
        await page.GetByLabel("Graphics memory (VRAM) in GiB").FillAsync((vram / GiB).ToString("R", CultureInfo.InvariantCulture));
        await page.GetByLabel("Unified memory (Apple silicon)").SelectOptionAsync("false");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Expect(page.Locator(".alert-ok, .alert-warn")).ToContainTextAsync("Settings");
        using (var http = new HttpClient { BaseAddress = app.BaseAddress })
        {
            var hardware = (await http.GetFromJsonAsync<JsonElement>("/api/settings", ct)).GetProperty("hardware");
            Assert.Equal((ram, vram, false), (hardware.GetProperty("ram").GetInt64(), hardware.GetProperty("vram").GetInt64(), hardware.GetProperty("unifiedMemory").GetBoolean()));
        }

        await app.GotoAsync("#/repo/emulator/Fit-GGUF");
        var quants = page.Locator("fieldset[data-category=quantization]");
        await Expect(quants.Locator("li[data-item-id=q2_k]").GetByTestId("fit")).ToHaveTextAsync("Fits on GPU");
        await Expect(quants.Locator("li[data-item-id=q4_k_m]").GetByTestId("fit")).ToHaveTextAsync("Partly on GPU");
        await Expect(quants.Locator("li[data-item-id=bf16]").GetByTestId("fit")).ToHaveTextAsync("Too large");
        await Expect(page.GetByTestId("machine")).ToContainTextAsync("as set in the hardware setting");

        // One quant is highlighted as the best fit, it is ticked, and it is one that fits.
        var best = quants.Locator(".item-best");
        await Expect(best).ToHaveCountAsync(1);
        await Expect(best.Locator("input")).ToBeCheckedAsync();
        Assert.NotEqual("too_large", await best.GetAttributeAsync("data-fit"));
        await app.ScreenshotAsync("repository-fit");

        // A shorter context asks analyze again and needs less memory.
        var before = await quants.Locator("li[data-item-id=bf16]").GetByTestId("memory").TextContentAsync();
        var asked = page.WaitForRequestAsync(r => r.Url.Contains("/api/analyze/", StringComparison.Ordinal) && r.Url.Contains("context=512", StringComparison.Ordinal));
        await page.GetByLabel("Context length").SelectOptionAsync("512");
        await asked;
        await Expect(quants.Locator("li[data-item-id=bf16]").GetByTestId("memory")).ToContainTextAsync("at 512 tokens");
        Assert.NotEqual(before, await quants.Locator("li[data-item-id=bf16]").GetByTestId("memory").TextContentAsync());
    }

    [Fact(Timeout = 120_000)]
    public async Task RepositoryPage_RevisionsAndReadme_PickerListsBranchesAndTagsAndReadmeIsRenderedSafely()
    {
        await using var app = await UiApp.StartAsync(browser.Browser, TestContext.Current.CancellationToken);
        var page = app.Page;
        app.Emulator.Repos.Add(RepoFixture.Model("emulator/hostile-readme")
            .WithFile("README.md", "# Hostile\n\n<script>window.pwned = 1</script>\n<img src=x onerror=\"window.pwned = 2\">\n\n[config](config.json) and [bad](javascript:window.pwned=3)\n")
            .WithFile("config.json", "{}"));

        await app.GotoAsync($"#/repo/{StandardFixtures.RefsRepo}");
        var picker = page.GetByLabel("Revision");
        await Expect(picker.Locator("option")).ToContainTextAsync(["main", StandardFixtures.RefsSlashBranch, StandardFixtures.RefsTag], new() { UseInnerText = true });
        await picker.SelectOptionAsync(StandardFixtures.RefsTag);
        await Expect(page).ToHaveURLAsync(new Regex("revision=v1\\.0"));
        await Expect(page.GetByLabel("Revision")).ToHaveValueAsync(StandardFixtures.RefsTag);

        await app.GotoAsync($"#/repo/{StandardFixtures.GgufRepo}");
        var readme = page.GetByTestId("readme");
        await Expect(readme.GetByRole(AriaRole.Heading, new() { Name = "Tiny-Llama GGUF" })).ToBeVisibleAsync();
        await Expect(readme).ToContainTextAsync("Quantized with imatrix.");
        await Expect(readme).Not.ToContainTextAsync("license: apache-2.0");

        await app.GotoAsync("#/repo/emulator/hostile-readme");
        readme = page.GetByTestId("readme");
        await Expect(readme.GetByRole(AriaRole.Heading, new() { Name = "Hostile" })).ToBeVisibleAsync();
        await Expect(readme.GetByRole(AriaRole.Link, new() { Name = "config" })).ToHaveAttributeAsync("href", new Regex("^http://127\\.0\\.0\\.1:\\d+/emulator/hostile-readme/.*config\\.json$"));
        Assert.Equal(0, await readme.Locator("script, [onerror], a[href^='javascript']").CountAsync());
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.pwned"));
    }


    [Fact(Timeout = 120_000)]
    public async Task RepositoryPage_GatedRepo_SaysSoBeforeTheClickWithTheTermsLink()
    {
        await using var app = await UiApp.StartAsync(browser.Browser, TestContext.Current.CancellationToken);
        var page = app.Page;

        await app.GotoAsync($"#/repo/{StandardFixtures.GatedRepo}");
        var note = page.GetByTestId("access-note");
        await Expect(note).ToContainTextAsync("Gated model");
        await Expect(note.GetByRole(AriaRole.Link, new() { Name = StandardFixtures.GatedRepo })).ToHaveAttributeAsync(
            "href", new Regex($"^http://127\\.0\\.0\\.1:\\d+/{Regex.Escape(StandardFixtures.GatedRepo)}$"));
        var facts = page.GetByTestId("repo-facts");
        await Expect(facts).ToContainTextAsync("Downloads");
        await Expect(facts).ToContainTextAsync("Likes");
        await Expect(facts).ToContainTextAsync("Last update");

        // A repo anyone may download says nothing of the kind.
        await app.GotoAsync($"#/repo/{StandardFixtures.TransformersRepo}");
        await Expect(page.GetByTestId("repo-facts")).ToContainTextAsync("Downloads");
        await Expect(page.GetByTestId("access-note")).ToHaveCountAsync(0);
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
