using HFDesk.HubEmulator;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HFDesk.UiTests;

[Collection(UiTestGroup.Name)]
public sealed class ReconnectTests(BrowserFixture browser)
{
    [Fact(Timeout = 180_000)]
    public async Task DownloadsPage_ServerRestarted_ReconnectsAndShowsJobsAgainWithoutReload()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await UiApp.StartAsync(browser.Browser, ct);
        var page = app.Page;

        await app.GotoAsync($"#/repo/{StandardFixtures.GgufRepo}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Download" }).ClickAsync();
        var card = page.Locator("article.job", new() { HasText = StandardFixtures.GgufRepo });
        await Expect(card).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 90_000 });
        var connection = page.Locator("#conn-state");
        await Expect(connection).ToHaveTextAsync("Live");

        await app.StopServerAsync(ct);
        await Expect(connection).ToHaveTextAsync("Reconnecting…", new() { Timeout = 30_000 });

        await app.StartServerAgainAsync(ct);
        await Expect(connection).ToHaveTextAsync("Live", new() { Timeout = 60_000 });
        // The job list comes back from the restarted server's own state (SQLite), pushed over the new socket.
        await Expect(card).ToHaveAttributeAsync("data-status", "completed");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/downloads$"));
    }
}
