using Microsoft.Playwright;

namespace HFDesk.UiTests;

/// <summary>One headless system Chromium for the whole test assembly; Playwright never downloads a browser here.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] LaunchArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        // Without these Chromium keeps dialing Google's hosts, which a closed network refuses many times a second.
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        // Assertions wait for the page; on a loaded 2-core CI a plan or an analyze can take longer than Playwright's 5 s.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = FindChromium(),
            Headless = true,
            Args = LaunchArgs,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    private static string FindChromium()
    {
        var fromEnv = Environment.GetEnvironmentVariable("HFDESK_CHROMIUM");
        string[] candidates =
        [
            fromEnv ?? "",
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome",
            @"C:\Program Files\Google\Chrome\Application\chrome.exe",
            @"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
        ];
        return candidates.FirstOrDefault(c => c.Length > 0 && File.Exists(c))
            ?? throw new InvalidOperationException(
                "No Chromium found for the UI tests: install Debian's package (apt-get install chromium) or set HFDESK_CHROMIUM to a Chrome/Chromium executable.");
    }
}
