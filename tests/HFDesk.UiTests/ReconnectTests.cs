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

        var card = await DownloadToCompletionAsync(app);
        var connection = page.Locator("#conn-state");

        await app.StopServerAsync(ct);
        await Expect(connection).ToHaveTextAsync("Reconnecting…", new() { Timeout = 30_000 });

        await app.StartServerAgainAsync(ct);
        await Expect(connection).ToHaveTextAsync("Live", new() { Timeout = 60_000 });
        // The job list comes back from the restarted server's own state (SQLite), pushed over the new socket.
        await Expect(card).ToHaveAttributeAsync("data-status", "completed");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/downloads$"));
    }

    [Fact(Timeout = 180_000)]
    public async Task FinishedJob_OlderRestSnapshotArrivesLate_StaysFinished()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await UiApp.StartAsync(browser.Browser, ct);
        var page = app.Page;
        var card = await DownloadToCompletionAsync(app);
        var id = await card.GetAttributeAsync("data-job-id");

        // What a small download can do: finish (pushed over the socket) before the page reads the answer to its
        // POST, which still says "running". The page's own store module receives that late answer.
        var status = await page.EvaluateAsync<string>(
            """
            async (id) => {
              const store = await import('/js/store.js');
              const known = store.job(id);
              // A late answer is an older snapshot: a lower version than the socket's 'completed'.
              store.upsertJob({ ...known, status: 'running', version: Number.isFinite(known.version) ? known.version - 1 : known.version });
              return store.job(id).status;
            }
            """,
            id);

        Assert.Equal("completed", status);
        await Expect(card).ToHaveAttributeAsync("data-status", "completed");
    }

    /// <summary>The GGUF fixture downloaded through the repo page; returns its card once completed, with the socket live.</summary>
    private static async Task<ILocator> DownloadToCompletionAsync(UiApp app)
    {
        await app.GotoAsync($"#/repo/{StandardFixtures.GgufRepo}");
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Download" }).ClickAsync();
        var card = app.Page.Locator("article.job", new() { HasText = StandardFixtures.GgufRepo });
        await Expect(card).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 90_000 });
        await Expect(app.Page.Locator("#conn-state")).ToHaveTextAsync("Live");
        return card;
    }
}
