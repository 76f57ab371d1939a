using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace HFDesk.Server.Tests;

public sealed class HealthEndpointsTests
{
    [Fact(Timeout = 60_000)]
    public async Task Health_OnLoopback_AnswersStatusVersionAndUtcTime()
    {
        await using var server = await RunningServer.StartAsync();
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);

        using var response = await server.Client.GetAsync(new Uri("/api/health", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+$", body.GetProperty("version").GetString());
        var time = body.GetProperty("time").GetString()!;
        Assert.EndsWith("Z", time, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.Parse(time, CultureInfo.InvariantCulture) > before);
        Assert.Equal(IPAddress.Loopback.ToString(), server.BaseAddress.Host);
    }

    [Fact(Timeout = 60_000)]
    public async Task Root_ServesEmbeddedIndexHtml()
    {
        await using var server = await RunningServer.StartAsync();

        using var response = await server.Client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>HFDesk</title>", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
