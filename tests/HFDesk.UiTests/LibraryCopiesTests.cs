using System.Net.Http.Json;
using System.Text.RegularExpressions;
using HFDesk.HubEmulator;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HFDesk.UiTests;

/// <summary>The library lists what is really on disk, one card per copy, and deletes only the copy it is asked to (issue 15 item 9).</summary>
[Collection(UiTestGroup.Name)]
public sealed class LibraryCopiesTests(BrowserFixture browser)
{
    [Fact(Timeout = 180_000)]
    public async Task Library_CopiesInSeveralPlaces_OneCardEachReadOnlyWithoutDeleteCountsAgree()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await UiApp.StartAsync(browser.Browser, ct);
        var page = app.Page;
        await app.DownloadAsync(new { repo = StandardFixtures.GgufRepo, filters = new[] { "Q4_K_M" }, exactMatch = true }, ct);

        // Another tool's models in a read-only scan folder, and what a failed download left in the hub cache.
        var scanDir = Path.Combine(app.Root, "lmstudio");
        var scanned = Directory.CreateDirectory(Path.Combine(scanDir, "acme", "Other-GGUF")).FullName;
        await File.WriteAllTextAsync(Path.Combine(scanned, "other-Q4_K_M.gguf"), "GGUF weights", ct);
        Directory.CreateDirectory(Path.Combine(app.HubDir, "models--acme--failed", "blobs"));
        // The same model downloaded a second time into an LM-Studio-style folder (localDir): a second copy.
        var localDir = Directory.CreateDirectory(Path.Combine(app.Root, "models")).FullName;
        using (var http = new HttpClient { BaseAddress = app.BaseAddress })
        {
            using var saved = await http.PostAsJsonAsync("/api/settings", new { localScanDirs = new[] { scanDir }, localDir }, ct);
            saved.EnsureSuccessStatusCode();
        }

        await app.DownloadAsync(new { repo = StandardFixtures.GgufRepo, filters = new[] { "Q4_K_M" }, exactMatch = true }, ct);
        var flatCopy = Path.Combine(localDir, "emulator", "Tiny-Llama-GGUF");
        Assert.True(File.Exists(Path.Combine(flatCopy, StandardFixtures.GgufRecommendedFile)));

        await app.GotoAsync("#/library");
        var cards = page.Locator("li.lib-repo");
        await Expect(cards).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("copies")).ToHaveTextAsync("3");
        await Expect(page.Locator("li.lib-repo", new() { HasText = "acme/failed" })).ToHaveCountAsync(0);

        var readOnly = page.Locator("li.lib-repo", new() { HasText = "acme/Other-GGUF" });
        await Expect(readOnly).ToContainTextAsync("Read-only");
        await Expect(readOnly.GetByRole(AriaRole.Button, new() { Name = "Delete" })).ToHaveCountAsync(0);
        var cached = page.Locator("li.lib-repo[data-source='HF cache']", new() { HasText = StandardFixtures.GgufRepo });
        await Expect(cached.GetByRole(AriaRole.Button, new() { Name = $"Delete {StandardFixtures.GgufRepo} from HF cache" })).ToBeVisibleAsync();

        // Grid and list are the same cards laid out differently.
        await page.GetByRole(AriaRole.Button, new() { Name = "Grid", Exact = true }).ClickAsync();
        await Expect(page.Locator("ul.cards")).ToHaveClassAsync(new Regex("cards-grid"));
        await Expect(cards).ToHaveCountAsync(3);
        await page.GetByRole(AriaRole.Button, new() { Name = "List", Exact = true }).ClickAsync();
        await Expect(page.Locator("ul.cards")).Not.ToHaveClassAsync(new Regex("cards-grid"));

        // Deleting the folder copy removes that folder only.
        var local = page.Locator("li.lib-repo[data-source=Local]", new() { HasText = StandardFixtures.GgufRepo });
        await local.GetByRole(AriaRole.Button, new() { Name = $"Delete {StandardFixtures.GgufRepo} from Local" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync(flatCopy);
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(cards).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        Assert.False(Directory.Exists(flatCopy));
        Assert.True(Directory.Exists(Path.Combine(app.HubDir, "models--emulator--Tiny-Llama-GGUF")));

        // Delete names the copy it means.
        await cached.GetByRole(AriaRole.Button, new() { Name = $"Delete {StandardFixtures.GgufRepo} from HF cache" }).ClickAsync();
        var request = page.WaitForRequestAsync(r => r.Method == "DELETE" && r.Url.Contains("/api/cache/", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        Assert.Contains("source=HF+cache", (await request).Url, StringComparison.Ordinal);
        await Expect(cards).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("copies")).ToHaveTextAsync("1");
        Assert.False(Directory.Exists(Path.Combine(app.HubDir, "models--emulator--Tiny-Llama-GGUF")));
        Assert.True(Directory.Exists(scanned));
    }
}
