using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HFDesk.UiTests;

[Collection(UiTestGroup.Name)]
public sealed class HubEndpointSettingsTests(BrowserFixture browser)
{
    [Fact(Timeout = 120_000)]
    public async Task HubEndpointSection_EnableCreateTokenThenRevoke_TokenOpensHubUntilRevoked()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await UiApp.StartAsync(browser.Browser, ct);
        var page = app.Page;
        var section = page.Locator("section.hub-endpoint-settings");

        await app.GotoAsync("#/settings");
        await Expect(section.Locator(".hub-endpoint-line")).ToContainTextAsync("HF_ENDPOINT=http://");
        await Expect(section.Locator(".hub-endpoint-line")).ToContainTextAsync("/hub");
        await section.GetByLabel("Serve the Hub protocol under /hub").CheckAsync();
        await section.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        var token = await section.Locator(".hub-new-token").First.InnerTextAsync();
        await section.GetByRole(AriaRole.Button, new() { Name = "Save hub endpoint" }).ClickAsync();
        await Expect(section.Locator(".alert-ok")).ToContainTextAsync("Settings");

        Assert.StartsWith("hf_", token, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, await HubStatusAsync(app, token, ct));

        await section.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).First.ClickAsync();
        await section.GetByRole(AriaRole.Button, new() { Name = "Save hub endpoint" }).ClickAsync();
        await Expect(section.Locator(".hub-tokens")).ToContainTextAsync("No LAN tokens");
        await page.ReloadAsync();
        await Expect(page.Locator("section.hub-endpoint-settings .hub-tokens")).ToContainTextAsync("No LAN tokens");

        Assert.Equal(HttpStatusCode.Unauthorized, await HubStatusAsync(app, token, ct));
    }

    // A repo the cache does not hold: RepoNotFound (404) means the token was accepted, 401 that it was not.
    private static async Task<HttpStatusCode> HubStatusAsync(UiApp app, string token, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hub/api/models/nobody/nothing");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request, ct);
        return response.StatusCode;
    }
}
