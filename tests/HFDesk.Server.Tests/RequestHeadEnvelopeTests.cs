using System.Text.Json;

namespace HFDesk.Server.Tests;

/// <summary>Issue 12 item 12: the answers Kestrel used to write itself (414, 431) and HEAD on GET routes.</summary>
public sealed class RequestHeadEnvelopeTests
{
    [Fact(Timeout = 60_000)]
    public async Task LongUri_Answers414Envelope()
    {
        await using var server = await RunningServer.StartAsync();
        var query = new string('a', 20_000);

        using var response = await server.Client.GetAsync(new Uri($"/api/health?x={query}", UriKind.Relative), TestContext.Current.CancellationToken);

        await RunningServer.AssertEnvelopeAsync(response, 414, "bad_request");
    }

    [Fact(Timeout = 60_000)]
    public async Task HugeHeaders_Answer431Envelope()
    {
        await using var server = await RunningServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/health", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("X-Big", new string('b', 40_000));

        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        await RunningServer.AssertEnvelopeAsync(response, 431, "bad_request");
    }

    [Fact(Timeout = 60_000)]
    public async Task Head_OnGetRoute_AnswersAsGetWithoutBody()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await RunningServer.StartAsync();

        using var head = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri("/api/health", UriKind.Relative)), ct);
        using var get = await server.Client.GetAsync(new Uri("/api/health", UriKind.Relative), ct);

        Assert.Equal(200, (int)head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(ct));
        Assert.Equal("ok", JsonDocument.Parse(await get.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("status").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Head_OnUnknownApiRoute_Answers404()
    {
        await using var server = await RunningServer.StartAsync();

        using var head = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri("/api/no-such-thing", UriKind.Relative)), TestContext.Current.CancellationToken);

        Assert.Equal(404, (int)head.StatusCode);
        Assert.StartsWith("application/json", head.Content.Headers.ContentType?.ToString() ?? "", StringComparison.Ordinal);
    }
}
