using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;

namespace HFDesk.Server.Tests;

public sealed class AccessPolicyTests
{
    [Fact(Timeout = 60_000)]
    public async Task ForeignOrigin_RestRequest_Answers403Envelope()
    {
        await using var server = await RunningServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/health", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Origin", "https://evil.example");

        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        await RunningServer.AssertEnvelopeAsync(response, 403, "forbidden");
    }

    [Fact(Timeout = 60_000)]
    public async Task OwnOrigin_RestRequest_IsServed()
    {
        await using var server = await RunningServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/health", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Origin", server.BaseAddress.GetLeftPart(UriPartial.Authority));

        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task AllowedOrigin_RestRequest_IsServed()
    {
        await using var server = await RunningServer.StartAsync(new HfDeskServerOptions { AllowedOrigins = ["http://localhost:5173/"] });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/health", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Origin", "http://localhost:5173");

        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task ForeignOrigin_WebSocketUpgrade_IsRefusedWith403()
    {
        await using var server = await RunningServer.StartAsync();
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", "https://evil.example");
        var wsUri = new UriBuilder(server.BaseAddress) { Scheme = "ws", Path = "/api/ws" }.Uri;

        await Assert.ThrowsAnyAsync<WebSocketException>(() => socket.ConnectAsync(wsUri, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task OwnOrigin_WebSocketUpgrade_IsNotRefusedByOriginPolicy()
    {
        await using var server = await RunningServer.StartAsync();
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", server.BaseAddress.GetLeftPart(UriPartial.Authority));
        var wsUri = new UriBuilder(server.BaseAddress) { Scheme = "ws", Path = "/api/ws" }.Uri;

        // Getting past the policy means the upgrade to the jobs feed succeeds (101), not a 403.
        await socket.ConnectAsync(wsUri, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.SwitchingProtocols, socket.HttpStatusCode);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", TestContext.Current.CancellationToken);
    }

    [Fact(Timeout = 60_000)]
    public async Task ForeignHostHeader_OnLoopbackServer_IsRefused()
    {
        await using var server = await RunningServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/health", UriKind.Relative));
        // DNS rebinding: the browser thinks it talks to rebind.example, which now resolves to 127.0.0.1.
        request.Headers.Host = $"rebind.example:{server.BaseAddress.Port}";

        using var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken);

        await RunningServer.AssertEnvelopeAsync(response, 403, "forbidden");
    }

    [Fact]
    public void NonLoopbackHost_WithoutAuth_IsRefusedAtBuild()
    {
        var error = Assert.Throws<ArgumentException>(() => HfDeskServer.Build(new HfDeskServerOptions { Host = "0.0.0.0", Port = 0 }));

        Assert.Contains("--auth-user", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonLoopbackHost_WithInsecureFlag_Builds()
    {
        var app = HfDeskServer.Build(new HfDeskServerOptions { Host = "0.0.0.0", Port = 0, InsecureNoAuth = true });

        Assert.NotNull(app);
    }

    [Fact(Timeout = 60_000)]
    public async Task BasicAuth_Configured_RefusesMissingOrWrongCredentialsAndAcceptsRightOnes()
    {
        await using var server = await RunningServer.StartAsync(new HfDeskServerOptions { AuthUser = "ana", AuthPass = "s3cret pass" });
        var health = new Uri("/api/health", UriKind.Relative);
        var cancellationToken = TestContext.Current.CancellationToken;

        using var anonymous = await server.Client.GetAsync(health, cancellationToken);
        await RunningServer.AssertEnvelopeAsync(anonymous, 401, "unauthorized");
        Assert.Contains("Basic", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        using var wrong = new HttpRequestMessage(HttpMethod.Get, health);
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ana:wrong")));
        using var wrongResponse = await server.Client.SendAsync(wrong, cancellationToken);
        await RunningServer.AssertEnvelopeAsync(wrongResponse, 401, "unauthorized");

        using var right = new HttpRequestMessage(HttpMethod.Get, health);
        right.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ana:s3cret pass")));
        using var rightResponse = await server.Client.SendAsync(right, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, rightResponse.StatusCode);
    }
}
