using System.Net.Http.Headers;
using System.Net.Http.Json;
using HFDesk.HubEmulator;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HFDesk.UiTests;

/// <summary>A LAN pull (a /hub client asking for a file not in the cache) shows in Downloads as a job, and cancels from there.</summary>
[Collection(UiTestGroup.Name)]
public sealed class HubPullCardTests(BrowserFixture browser)
{
    private const string LanToken = "hf_ui_lan_token_0123456789abcdef";

    [Fact(Timeout = 120_000)]
    public async Task LanPull_ShowsAsAJobCardMarkedLanPull_AndCancelGivesTheClientAnError()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await UiApp.StartAsync(browser.Browser, ct);
        var repo = app.Emulator.Repos.Add(StandardFixtures.LargeFile("emulator/lan-pull", 16L << 20));
        // About 32 s for the whole file: the card is seen running and cancelled long before that.
        app.Emulator.Faults.BandwidthCap(512 * 1024, FaultScope.Path("large.bin"));
        using var api = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using (var enable = await api.PostAsJsonAsync("/api/settings", new { hubEndpoint = new { enabled = true, tokens = new[] { LanToken } } }, ct))
        {
            enable.EnsureSuccessStatusCode();
        }

        using var lan = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(90) };
        lan.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", LanToken);
        var pull = PullAsync(lan, $"/hub/{repo.Id}/resolve/main/large.bin", ct);

        await app.GotoAsync("#/downloads");
        var card = app.Page.Locator("article.job[data-source=hub]", new() { HasText = repo.Id });
        await Expect(card).ToHaveAttributeAsync("data-status", "running");
        await Expect(card.GetByTestId("job-source")).ToHaveTextAsync("LAN pull");
        await Expect(card.Locator(".job-head")).ToContainTextAsync("large.bin");
        await Expect(card.Locator(".job-head")).ToContainTextAsync("for 127.0.0.1");
        await Expect(card.GetByTestId("job-destination")).ToContainTextAsync("models--emulator--lan-pull");
        // A fill cannot pause (its clients would hang): cancel is the only action.
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Pause" })).ToHaveCountAsync(0);
        await app.ScreenshotAsync("downloads-lan-pull");

        await card.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        var dialog = app.Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("LAN clients waiting for it get an error");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel download", Exact = true }).ClickAsync();
        await Expect(card).ToHaveAttributeAsync("data-status", "cancelled");

        Assert.False(await pull, "the LAN client got a complete answer from a cancelled fill");
    }

    // True only for a complete 200 with every byte.
    private static async Task<bool> PullAsync(HttpClient client, string path, CancellationToken ct)
    {
        try
        {
            using var response = await client.GetAsync(path, ct);
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(ct);
            return bytes.LongLength == response.Content.Headers.ContentLength;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return false;
        }
    }
}
