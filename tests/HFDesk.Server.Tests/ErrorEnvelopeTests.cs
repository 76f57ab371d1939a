using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HFDesk.Server.Tests;

public sealed partial class ErrorEnvelopeTests
{
    internal sealed record EchoBody(string Name, int Count);

    /// <summary>The frame has no JSON-body endpoint of its own yet; a probe route exercises the same binding path.</summary>
    private static void MapEchoProbe(WebApplication app) =>
        app.MapPost("/api/test-echo", (EchoBody body) => TypedResults.Ok(body));

    // The server resolves JSON through ApiJsonContext only, so the probe's body type brings its own context.
    private static Task<RunningServer> StartEchoServerAsync() =>
        RunningServer.StartAsync(
            new HfDeskServerOptions
            {
                ConfigureServices = services => services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Add(EchoJsonContext.Default)),
            },
            MapEchoProbe);

    [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
    [JsonSerializable(typeof(EchoBody))]
    private sealed partial class EchoJsonContext : JsonSerializerContext;

    [Fact(Timeout = 60_000)]
    public async Task UnexpectedFailure_Answers500EnvelopeWithoutInternals()
    {
        await using var server = await RunningServer.StartAsync(configure: app =>
            app.MapGet("/api/test-crash", string () => throw new InvalidOperationException("secret internal state at C:\\work\\x")));

        using var response = await server.Client.GetAsync(new Uri("/api/test-crash", UriKind.Relative), TestContext.Current.CancellationToken);

        var body = await RunningServer.AssertEnvelopeAsync(response, 500, "server_error");
        Assert.DoesNotContain("secret", body.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body.ToString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task QueryBindingFailure_Answers400Envelope()
    {
        await using var server = await RunningServer.StartAsync(configure: app =>
            app.MapGet("/api/test-number", (int n) => TypedResults.Ok(n)));

        using var response = await server.Client.GetAsync(new Uri("/api/test-number?n=abc", UriKind.Relative), TestContext.Current.CancellationToken);

        await RunningServer.AssertEnvelopeAsync(response, 400, "bad_request");
    }

    [Fact(Timeout = 60_000)]
    public async Task UnknownApiRoute_Answers404Envelope()
    {
        await using var server = await RunningServer.StartAsync();

        using var response = await server.Client.GetAsync(new Uri("/api/no-such-thing", UriKind.Relative), TestContext.Current.CancellationToken);

        var body = await RunningServer.AssertEnvelopeAsync(response, 404, "not_found");
        Assert.Contains("/api/no-such-thing", body.GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task WrongMethod_Answers405Envelope()
    {
        await using var server = await RunningServer.StartAsync();

        using var response = await server.Client.DeleteAsync(new Uri("/api/health", UriKind.Relative), TestContext.Current.CancellationToken);

        await RunningServer.AssertEnvelopeAsync(response, 405, "method_not_allowed");
    }

    [Fact(Timeout = 60_000)]
    public async Task BadJson_Answers400EnvelopeWithParserDetails()
    {
        await using var server = await StartEchoServerAsync();
        using var content = new StringContent("{\"name\": \"x\", ", Encoding.UTF8, "application/json");

        using var response = await server.Client.PostAsync(new Uri("/api/test-echo", UriKind.Relative), content, TestContext.Current.CancellationToken);

        var body = await RunningServer.AssertEnvelopeAsync(response, 400, "bad_request");
        Assert.Equal("Invalid request body", body.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("details").GetString()));
    }

    [Fact(Timeout = 60_000)]
    public async Task ValidJson_ReachesTheEndpoint()
    {
        await using var server = await StartEchoServerAsync();
        using var content = new StringContent("{\"name\": \"x\", \"count\": 2}", Encoding.UTF8, "application/json");

        using var response = await server.Client.PostAsync(new Uri("/api/test-echo", UriKind.Relative), content, TestContext.Current.CancellationToken);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Contains("\"count\":2", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task BodyOverOneMebibyte_Answers413Envelope()
    {
        await using var server = await StartEchoServerAsync();
        var json = "{\"name\": \"" + new string('a', 1024 * 1024 + 10) + "\", \"count\": 1}";
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await server.Client.PostAsync(new Uri("/api/test-echo", UriKind.Relative), content, TestContext.Current.CancellationToken);

        await RunningServer.AssertEnvelopeAsync(response, 413, "payload_too_large");
    }

    [Fact(Timeout = 60_000)]
    public async Task ChunkedBodyOverOneMebibyte_Answers413Envelope()
    {
        await using var server = await StartEchoServerAsync();
        var json = "{\"name\": \"" + new string('a', 1024 * 1024 + 10) + "\", \"count\": 1}";
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/test-echo", UriKind.Relative)) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        await RunningServer.AssertEnvelopeAsync(response, 413, "payload_too_large");
    }
}
