using System.Net.Http.Json;
using HFDesk.HubEmulator;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HFDesk.UiTests;

[Collection(UiTestGroup.Name)]
public sealed class LibraryAndSettingsTests(BrowserFixture browser)
{
    [Fact(Timeout = 180_000)]
    public async Task Library_DownloadedModel_IsListedThenDeletedAfterConfirmation()
    {
        await using var app = await UiApp.StartAsync(browser.Browser, TestContext.Current.CancellationToken);
        var page = app.Page;

        // Download through the UI as a user would, then go looking for it.
        await app.GotoAsync($"#/repo/{StandardFixtures.GgufRepo}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Download" }).ClickAsync();
        var card = page.Locator("article.job", new() { HasText = StandardFixtures.GgufRepo });
        await Expect(card).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 90_000 });

        await page.GetByRole(AriaRole.Link, new() { Name = "Library", Exact = true }).ClickAsync();
        var entry = page.Locator("li.lib-repo", new() { HasText = StandardFixtures.GgufRepo }).First;
        await Expect(entry).ToBeVisibleAsync();
        await Expect(entry).ToContainTextAsync("filtered");
        await Expect(entry).ToContainTextAsync("Q4_K_M");
        await Expect(page.Locator("[data-testid=disk-free]")).ToContainTextAsync("free of");
        await app.ScreenshotAsync("library");

        // Details open in place.
        await entry.GetByRole(AriaRole.Button, new() { Name = $"Details of {StandardFixtures.GgufRepo}" }).ClickAsync();
        await Expect(entry.Locator(".repo-details")).ToContainTextAsync(StandardFixtures.GgufRecommendedFile);

        // Cancelling the confirmation deletes nothing.
        var repoFolder = Path.Combine(app.HubDir, "models--emulator--Tiny-Llama-GGUF");
        await entry.GetByRole(AriaRole.Button, new() { Name = $"Delete {StandardFixtures.GgufRepo}" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync($"Delete {StandardFixtures.GgufRepo}?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep it" }).ClickAsync();
        Assert.True(Directory.Exists(repoFolder));

        await entry.GetByRole(AriaRole.Button, new() { Name = $"Delete {StandardFixtures.GgufRepo}" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(page.Locator("li.lib-repo", new() { HasText = StandardFixtures.GgufRepo })).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        Assert.False(Directory.Exists(repoFolder));
    }

    [Fact(Timeout = 120_000)]
    public async Task Settings_SavedValue_PersistsAfterReloadAndInvalidValueIsRefusedInline()
    {
        await using var app = await UiApp.StartAsync(browser.Browser, TestContext.Current.CancellationToken);
        var page = app.Page;

        await app.GotoAsync("#/settings");
        var connections = page.GetByLabel("Connections per large file");
        await Expect(connections).ToHaveValueAsync("8");

        // Out of range: shown next to the field, nothing sent.
        await connections.FillAsync("99");
        await Expect(page.Locator($"#{await connections.GetAttributeAsync("id")}-error")).ToContainTextAsync("1 to 64");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Expect(page.Locator(".settings-form .alert-error")).ToContainTextAsync("not valid");

        await connections.FillAsync("3");
        await page.GetByLabel("Speed limit").FillAsync("50MB/s");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Expect(page.Locator(".alert-ok, .alert-warn")).ToContainTextAsync("Settings");
        await app.ScreenshotAsync("settings");

        await page.ReloadAsync();
        await Expect(page.GetByLabel("Connections per large file")).ToHaveValueAsync("3");
        await Expect(page.GetByLabel("Speed limit")).ToHaveValueAsync("50MB/s");

        // The server holds the same values (the page did not just remember them).
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var settings = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/settings", TestContext.Current.CancellationToken);
        Assert.Equal(3, settings.GetProperty("connections").GetInt32());
    }

    [Fact(Timeout = 120_000)]
    public async Task Settings_Token_IsShownMaskedAndKeptWhenUnchanged()
    {
        await using var app = await UiApp.StartAsync(browser.Browser, TestContext.Current.CancellationToken);
        var page = app.Page;

        await app.GotoAsync("#/settings");
        var token = page.GetByLabel("Access token");
        await token.FillAsync(HubEmulatorTokens.Valid);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Expect(page.Locator(".alert-ok, .alert-warn")).ToBeVisibleAsync();

        await page.ReloadAsync();
        var masked = await page.GetByLabel("Access token").InputValueAsync();
        Assert.StartsWith("********", masked, StringComparison.Ordinal);
        Assert.DoesNotContain(HubEmulatorTokens.Valid, await page.ContentAsync(), StringComparison.Ordinal);

        // Saving another field keeps the token: the gated repo now downloads.
        await page.GetByLabel("Files at once per download").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Expect(page.Locator(".alert-ok, .alert-warn")).ToBeVisibleAsync();

        await app.GotoAsync($"#/repo/{StandardFixtures.GatedRepo}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Download" }).ClickAsync();
        var card = page.Locator("article.job", new() { HasText = StandardFixtures.GatedRepo });
        await Expect(card).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 90_000 });
    }

    [Fact(Timeout = 120_000)]
    public async Task Settings_TokenFromHuggingFaceTokenFile_SaysWhereItComesFrom()
    {
        await using var app = await UiApp.StartAsync(browser.Browser, TestContext.Current.CancellationToken);
        var page = app.Page;
        // The app's environment has no HF_HOME: the default token file lies under its own fake user home.
        var tokenFile = Path.Combine(app.Root, "home", ".cache", "huggingface", "token");
        Directory.CreateDirectory(Path.GetDirectoryName(tokenFile)!);
        await File.WriteAllTextAsync(tokenFile, HubEmulatorTokens.Valid + "\n", TestContext.Current.CancellationToken);

        await app.GotoAsync("#/settings");

        var source = page.Locator(".token-source");
        await Expect(source).ToContainTextAsync("from the Hugging Face token file");
        await Expect(source).ToContainTextAsync(tokenFile);
        Assert.StartsWith("********", await page.GetByLabel("Access token").InputValueAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Remove token" }).CountAsync());
        Assert.DoesNotContain(HubEmulatorTokens.Valid, await page.ContentAsync(), StringComparison.Ordinal);
    }
}
