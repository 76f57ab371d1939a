using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;

namespace HFDesk.Server.Tests;

/// <summary>A real HFDesk server on a free loopback port, and an HttpClient pointed at it.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private RunningServer(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public static async Task<RunningServer> StartAsync(HfDeskServerOptions? options = null, Action<WebApplication>? configure = null)
    {
        var app = HfDeskServer.Build((options ?? new HfDeskServerOptions()) with { Port = 0 });
        configure?.Invoke(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new RunningServer(app, new Uri(app.Urls.First()));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }

    /// <summary>Asserts the api.md error envelope and returns it for further checks.</summary>
    public static async Task<JsonElement> AssertEnvelopeAsync(HttpResponseMessage response, int status, string code)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString() ?? "", StringComparison.Ordinal);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.False(body.GetProperty("ok").GetBoolean());
        var message = body.GetProperty("error").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        var detail = body.GetProperty("error_detail");
        Assert.Equal(code, detail.GetProperty("code").GetString());
        Assert.Equal(message, detail.GetProperty("message").GetString());
        var text = body.ToString();
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        return body;
    }
}
