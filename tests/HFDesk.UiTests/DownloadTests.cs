using System.Globalization;
using System.Text.RegularExpressions;
using HFDesk.HubEmulator;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HFDesk.UiTests;

[Collection(UiTestGroup.Name)]
public sealed class DownloadTests(BrowserFixture browser)
{
    private static readonly Regex DownloadsRoute = new("#/downloads$");

    private static readonly LocatorAssertionsToHaveAttributeOptions LongWait = new() { Timeout = 90_000 };

    [Fact(Timeout = 180_000)]
    public async Task Download_RecommendedSelection_ReachesCompletedWithLiveProgress()
    {
        await using var app = await UiApp.StartAsync(browser.Browser, TestContext.Current.CancellationToken);
        var page = app.Page;
        // Slow enough that the progress bar is seen between 0 and 100 %, fast enough for a test.
        var cap = app.Emulator.Faults.BandwidthCap(48 * 1024, FaultScope.Cdn);

        await app.GotoAsync($"#/repo/{StandardFixtures.GgufRepo}");
        var download = page.GetByRole(AriaRole.Button, new() { Name = "Download" });
        await Expect(download).ToBeEnabledAsync();
        await download.ClickAsync();

        await Expect(page).ToHaveURLAsync(DownloadsRoute, new() { Timeout = 60_000 });
        var card = page.Locator("article.job", new() { HasText = StandardFixtures.GgufRepo });
        await Expect(card).ToBeVisibleAsync();

        // Watch the bar move without reloading: the page only learns progress from the WebSocket.
        var seen = new List<double>();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        var shot = false;
        while (DateTime.UtcNow < deadline && await card.GetAttributeAsync("data-status") != "completed")
        {
            var value = await card.Locator("[role=progressbar]").GetAttributeAsync("aria-valuenow");
            var pct = double.Parse(value ?? "0", CultureInfo.InvariantCulture);
            seen.Add(pct);
            if (!shot && pct is > 5 and < 95)
            {
                await app.ScreenshotAsync("downloads-progress");
                shot = true;
            }

            await page.WaitForTimeoutAsync(100);
        }

        app.Emulator.Faults.Remove(cap);
        await Expect(card).ToHaveAttributeAsync("data-status", "completed", LongWait);
        Assert.Contains(seen, pct => pct is > 0 and < 100);
        await Expect(card.Locator("[role=progressbar]")).ToHaveAttributeAsync("aria-valuenow", "100");
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Dismiss" })).ToBeVisibleAsync();
        await app.ScreenshotAsync("downloads");

        var snapshots = Directory.GetDirectories(Path.Combine(app.HubDir, "models--emulator--Tiny-Llama-GGUF", "snapshots"));
        Assert.Single(snapshots);
        Assert.True(File.Exists(Path.Combine(snapshots[0], StandardFixtures.GgufRecommendedFile)));
    }

    [Fact(Timeout = 180_000)]
    public async Task PauseThenResume_ThrottledDownload_CompletesWithAllBytes()
    {
        await using var app = await UiApp.StartAsync(browser.Browser, TestContext.Current.CancellationToken);
        var page = app.Page;
        const long size = 4 * 1024 * 1024;
        var repo = app.Emulator.Repos.Add(StandardFixtures.LargeFile("emulator/slow-model", size));
        var cap = app.Emulator.Faults.BandwidthCap(128 * 1024);

        await app.GotoAsync("#/repo/emulator/slow-model");
        await page.GetByRole(AriaRole.Button, new() { Name = "Download" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(DownloadsRoute, new() { Timeout = 60_000 });

        var card = page.Locator("article.job", new() { HasText = "emulator/slow-model" });
        await Expect(card).ToHaveAttributeAsync("data-status", "running", LongWait);
        await page.WaitForFunctionAsync(
            "() => Number(document.querySelector('article.job [role=progressbar]')?.getAttribute('aria-valuenow')) > 0",
            null,
            new PageWaitForFunctionOptions { Timeout = 60_000 });

        await card.GetByRole(AriaRole.Button, new() { Name = "Pause emulator/slow-model" }).ClickAsync();
        await Expect(card).ToHaveAttributeAsync("data-status", "paused", LongWait);
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Resume emulator/slow-model" })).ToBeVisibleAsync();
        await app.ScreenshotAsync("downloads-paused");

        app.Emulator.Faults.Remove(cap);
        await card.GetByRole(AriaRole.Button, new() { Name = "Resume emulator/slow-model" }).ClickAsync();
        await Expect(card).ToHaveAttributeAsync("data-status", "completed", LongWait);

        var blob = Path.Combine(app.HubDir, "models--emulator--slow-model", "blobs", repo.Files.Single(f => f.Path == "large.bin").BlobName);
        Assert.Equal(size, new FileInfo(blob).Length);
    }

    [Fact(Timeout = 180_000)]
    public async Task GatedRepo_DownloadWithoutToken_ShowsWhatToDo()
    {
        await using var app = await UiApp.StartAsync(browser.Browser, TestContext.Current.CancellationToken);
        var page = app.Page;

        await app.GotoAsync($"#/repo/{StandardFixtures.GatedRepo}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Download" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(DownloadsRoute, new() { Timeout = 60_000 });

        var card = page.Locator("article.job", new() { HasText = StandardFixtures.GatedRepo });
        await Expect(card).ToHaveAttributeAsync("data-status", "failed", LongWait);
        var error = card.Locator(".job-error").First;
        await Expect(error).ToContainTextAsync("gated");
        await Expect(error).ToContainTextAsync("token");
        // The page where the terms are accepted is a link, not text to copy.
        await Expect(error.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", new Regex(Regex.Escape(StandardFixtures.GatedRepo)));
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = $"Retry {StandardFixtures.GatedRepo}" })).ToBeVisibleAsync();
        await app.ScreenshotAsync("gated");
    }
}
