using HFDesk.HubEmulator;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HFDesk.UiTests;

/// <summary>Watching downloads (issue 15 items 6, 7, 10): each job tells the truth about itself, live and after it ends.</summary>
[Collection(UiTestGroup.Name)]
public sealed class WatchingTests(BrowserFixture browser)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions LongWait = new() { Timeout = 90_000 };

    [Fact(Timeout = 180_000)]
    public async Task Downloads_RunningThenCancelled_ShowsItsProgressThenCancelledWithoutStaleBytes()
    {
        await using var app = await UiApp.StartAsync(browser.Browser, TestContext.Current.CancellationToken);
        var page = app.Page;
        app.Emulator.Repos.Add(StandardFixtures.LargeFile("emulator/slow-model", 4 * 1024 * 1024));
        app.Emulator.Faults.BandwidthCap(128 * 1024);
        var pill = page.Locator("#nav-active-count");

        await app.GotoAsync("#/repo/emulator/slow-model");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Download" })).ToBeEnabledAsync();
        await Expect(pill).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Download" }).ClickAsync();

        var card = page.Locator("article.job", new() { HasText = "emulator/slow-model" });
        await Expect(card).ToHaveAttributeAsync("data-status", "running", LongWait);
        await Expect(page.Locator("[data-group=active]")).ToContainTextAsync("emulator/slow-model");
        await Expect(card.GetByTestId("job-current")).ToContainTextAsync("large.bin");
        await Expect(card.GetByTestId("job-destination")).ToHaveTextAsync(Path.Combine(app.CacheDir, "models", "emulator", "slow-model"));
        await Expect(card.GetByTestId("job-numbers")).ToContainTextAsync("%");
        await Expect(card.GetByTestId("job-numbers")).ToContainTextAsync("/s", new() { Timeout = 30_000 });
        await Expect(pill).ToHaveTextAsync("1");

        // "Keep downloading" keeps it; "Cancel download" cancels.
        await card.GetByRole(AriaRole.Button, new() { Name = "Cancel emulator/slow-model" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Keep downloading", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(card).ToHaveAttributeAsync("data-status", "running");
        await card.GetByRole(AriaRole.Button, new() { Name = "Cancel emulator/slow-model" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel download", Exact = true }).ClickAsync();

        await Expect(card).ToHaveAttributeAsync("data-status", "cancelled", LongWait);
        await Expect(page.Locator("[data-group=finished]")).ToContainTextAsync("emulator/slow-model");
        await Expect(page.Locator("[data-group=active]")).ToBeHiddenAsync();
        await Expect(card.GetByTestId("job-numbers")).ToContainTextAsync("Cancelled");
        await Expect(card.GetByTestId("job-numbers")).Not.ToContainTextAsync(" of ");
        await Expect(card.GetByTestId("job-current")).ToBeHiddenAsync();
        await Expect(card.Locator("[data-file-status=active]")).ToHaveCountAsync(0);
        await Expect(pill).ToBeHiddenAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Clear finished" }).ClickAsync();
        await Expect(page.Locator("article.job")).ToHaveCountAsync(0);
    }

    [Fact(Timeout = 120_000)]
    public async Task Store_LateOlderSnapshot_NeverReplacesANewerVersion()
    {
        await using var app = await UiApp.StartAsync(browser.Browser, TestContext.Current.CancellationToken);
        var page = app.Page;
        await app.GotoAsync("#/downloads");
        await Expect(page.Locator("#conn-state")).ToHaveTextAsync("Live");

        // A pause answered at version 7, then a REST answer from before it (version 6, still running) arrives late.
        var seen = await page.EvaluateAsync<string>("""
            async () => {
              const store = await import('/js/store.js');
              const job = (version, status) => ({ id: 'late-1', repo: 'emulator/late', status, version, createdAt: '2026-01-01T00:00:00Z', progress: {}, files: [] });
              store.upsertJob(job(7, 'paused'));
              store.upsertJob(job(6, 'running'));
              const afterLate = store.job('late-1').status;
              store.upsertJob(job(8, 'queued'));
              return `${afterLate},${store.job('late-1').status}`;
            }
            """);

        Assert.Equal("paused,queued", seen);
        await Expect(page.Locator("article.job", new() { HasText = "emulator/late" })).ToHaveAttributeAsync("data-status", "queued");
    }

    [Fact(Timeout = 180_000)]
    public async Task History_PhoneWidth_FitsAndNamesTheRepoFolder()
    {
        await using var app = await UiApp.StartAsync(browser.Browser, TestContext.Current.CancellationToken, width: 390, height: 844);
        var page = app.Page;
        await app.DownloadAsync(new { repo = StandardFixtures.GgufRepo, filters = new[] { "Q4_K_M" }, exactMatch = true }, TestContext.Current.CancellationToken);

        await app.GotoAsync("#/history");
        var row = page.Locator("tbody tr", new() { HasText = StandardFixtures.GgufRepo });
        await Expect(row).ToContainTextAsync(Path.Combine(app.CacheDir, "models", "emulator", "Tiny-Llama-GGUF"));
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 1, $"History is {overflow}px wider than a 390px window");
    }
}
