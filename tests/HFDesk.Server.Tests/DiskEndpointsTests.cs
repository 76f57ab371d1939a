using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HFDesk.Core.Settings;

namespace HFDesk.Server.Tests;

public sealed class DiskEndpointsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "hfdesk-disk-api-" + Guid.NewGuid().ToString("N")[..10]);

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private Task<RunningServer> StartAsync() => RunningServer.StartAsync(new HfDeskServerOptions
    {
        CacheDir = Path.Combine(_root, "cache"),
        LocalDir = Path.Combine(_root, "local"),
        DataDir = Path.Combine(_root, "data"),
        Environment = HfEnvironment.Empty(Path.Combine(_root, "home")),
    });

    [Fact(Timeout = 60_000)]
    public async Task DiskFree_NoPath_MeasuresHubDirEvenBeforeItExists()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await StartAsync();

        using var response = await server.Client.GetAsync(new Uri("/api/diskfree", UriKind.Relative), ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Path.Combine(_root, "cache", "hub"), body.GetProperty("path").GetString());
        Assert.Equal(body.GetProperty("path").GetString(), body.GetProperty("effectiveHubDir").GetString());
        Assert.True(body.GetProperty("free").GetInt64() > 0);
        Assert.True(body.GetProperty("total").GetInt64() >= body.GetProperty("free").GetInt64());
    }

    [Fact(Timeout = 60_000)]
    public async Task DiskFree_PathsInsideRoots_AreAnswered()
    {
        var ct = TestContext.Current.CancellationToken;
        Directory.CreateDirectory(Path.Combine(_root, "local", "acme"));
        await using var server = await StartAsync();

        foreach (var path in new[] { Path.Combine(_root, "cache"), Path.Combine(_root, "local", "acme"), Path.Combine(_root, "cache", "models", "new") })
        {
            using var response = await server.Client.GetAsync(new Uri("/api/diskfree?path=" + Uri.EscapeDataString(path), UriKind.Relative), ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task DiskFree_PathsOutsideRoots_AreRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var outside = Path.Combine(_root, "outside");
        Directory.CreateDirectory(outside);
        Directory.CreateDirectory(Path.Combine(_root, "cache"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "cache", "escape"), outside);
        await using var server = await StartAsync();

        var refused = new[]
        {
            outside,
            Path.Combine(_root, "cache", "..", "outside"),
            Path.Combine(_root, "cache", "escape"),
            Path.Combine(_root, "cache", "escape", "deeper"),
            Path.Combine(_root, "cache-sibling"),
            "relative/path",
            Path.GetPathRoot(_root)!,
        };
        foreach (var path in refused)
        {
            using var response = await server.Client.GetAsync(new Uri("/api/diskfree?path=" + Uri.EscapeDataString(path), UriKind.Relative), ct);
            await RunningServer.AssertEnvelopeAsync(response, 400, "bad_request");
        }
    }
}
