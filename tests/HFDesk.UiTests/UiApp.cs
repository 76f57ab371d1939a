using System.Net.Http.Json;
using System.Text.Json;
using HFDesk.Core.Hub;
using HFDesk.Core.Settings;
using HFDesk.HubEmulator;
using HFDesk.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HFDesk.UiTests;

/// <summary>
/// What a user has on their machine: the Hub (here the emulator), HFDesk serving its web UI on a real port with
/// its own cache and data dir, and a browser page pointed at it.
/// </summary>
internal sealed class UiApp : IAsyncDisposable
{
    private UiApp(HubEmulatorHost emulator, string root)
    {
        Emulator = emulator;
        Root = root;
    }

    public HubEmulatorHost Emulator { get; }

    public string Root { get; }

    public string CacheDir => Path.Combine(Root, "hf");

    public string HubDir => Path.Combine(CacheDir, "hub");

    public string DataDir => Path.Combine(Root, "data");

    public WebApplication Server { get; private set; } = null!;

    private Action<IServiceCollection>? _configureServices;

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowserContext Context { get; private set; } = null!;

    public IPage Page { get; private set; } = null!;

    public static async Task<UiApp> StartAsync(
        IBrowser browser, CancellationToken cancellationToken, int width = 1280, int height = 800, Action<IServiceCollection>? configureServices = null)
    {
        var emulator = await HubEmulatorHost.StartAsync(cancellationToken: cancellationToken);
        var app = new UiApp(emulator, Directory.CreateTempSubdirectory("hfdesk-ui-").FullName) { _configureServices = configureServices };
        await app.StartServerAsync(cancellationToken);
        app.Context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = app.BaseAddress.ToString(),
        });
        app.Context.SetDefaultTimeout(30_000);
        app.Page = await app.Context.NewPageAsync();
        return app;
    }

    /// <summary>Opens a route of the single-page UI, e.g. <c>#/library</c>.</summary>
    public Task GotoAsync(string hashRoute) => Page.GotoAsync(new Uri(BaseAddress, "/" + hashRoute).ToString());

    /// <summary>Saves a screenshot (the full page unless asked for the window) under the test output (TestResults/screenshots).</summary>
    public async Task<string> ScreenshotAsync(string name, bool fullPage = true)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        return path;
    }

    /// <summary>
    /// Downloads through the public API, as a script would, and waits until the job completed: for tests whose
    /// subject is what the UI shows about something already on disk.
    /// </summary>
    public async Task<JsonElement> DownloadAsync(object body, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var started = await http.PostAsJsonAsync("/api/download", body, ct);
        started.EnsureSuccessStatusCode();
        var job = await started.Content.ReadFromJsonAsync<JsonElement>(ct);
        var id = (job.TryGetProperty("job", out var inner) ? inner : job).GetProperty("id").GetString();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            var current = await http.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}", ct);
            var status = current.GetProperty("status").GetString();
            if (status is "completed")
            {
                return current;
            }

            Assert.False(status is "failed" or "cancelled", $"download ended {status}: {current}");
            await Task.Delay(100, ct);
        }

        throw new TimeoutException($"download {id} did not complete in 90 s");
    }

    public async ValueTask DisposeAsync()
    {
        if (Context is not null)
        {
            await Context.DisposeAsync();
        }

        if (Server is not null)
        {
            await Server.StopAsync(CancellationToken.None);
            await Server.DisposeAsync();
        }

        await Emulator.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A straggling handle on a loaded machine must not fail the test; the temp dir is disposable.
        }
    }

    /// <summary>Stops HFDesk, leaving the page open on a dead server.</summary>
    public async Task StopServerAsync(CancellationToken ct)
    {
        await Server.StopAsync(ct);
        await Server.DisposeAsync();
        Server = null!;
    }

    public Task StartServerAgainAsync(CancellationToken ct) => StartServerAsync(ct, BaseAddress.Port);

    private async Task StartServerAsync(CancellationToken ct, int port = 0)
    {
        var settings = await SettingsStore.OpenAsync(
            new SettingsOverrides { CacheDir = CacheDir, DataDir = DataDir },
            HfEnvironment.Empty(Path.Combine(Root, "home")),
            ct);
        // The endpoint comes from the saved settings (not a command-line override) so the Settings page may edit it.
        var update = await settings.UpdateAsync(new SettingsUpdate { Endpoint = Emulator.Endpoint.ToString().TrimEnd('/') }, ct);
        Assert.True(update.Applied, string.Join("; ", update.Errors.Select(e => e.ToString())));

        Server = HfDeskServer.Build(new HfDeskServerOptions
        {
            Port = port,
            Hub = new HubClientOptions { Endpoint = Emulator.Endpoint.ToString() },
            DataDir = DataDir,
            CacheDir = CacheDir,
            Settings = settings,
            ConfigureServices = _configureServices,
        });
        await Server.StartAsync(ct);
        BaseAddress = new Uri(Server.Urls.First());
    }
}
