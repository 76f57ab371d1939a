using System.Net;
using System.Net.WebSockets;
using System.Text;

namespace HFDesk.AdversarialTests.Access;

/// <summary>
/// api.md § Access as a matrix: every Host a browser or a rebinding attack can send, crossed with every Origin,
/// over a read (GET), a write (POST) and the WebSocket. Allowed exactly when the Host is a loopback name (the
/// server binds 127.0.0.1 only) and the Origin is absent or the server's own.
/// </summary>
public sealed class OriginHostMatrixTests
{
    // The Host name part; the port is the server's own.
    private static readonly (string Host, bool Loopback)[] Hosts =
    [
        ("127.0.0.1", true),
        ("localhost", true),
        ("LOCALHOST", true),
        ("[::1]", true),
        ("rebind.example", false),
        ("127.0.0.1.evil.example", false),
        ("localhost.evil.example", false),
    ];

    /// <summary>Origins as a function of the request's own host:port; true when they are that same origin.</summary>
    private static readonly (Func<string, string?> Origin, bool Same)[] Origins =
    [
        (_ => null, true),
        (h => $"http://{h}", true),
        (h => $"http://{h}/", true),
        (h => $"https://{h}", false),
        (_ => "null", false),
        (_ => "https://evil.example", false),
        (_ => "http://127.0.0.1:1", false),
        (_ => "http://localhost:5173", false),
        (h => $"http://{h}.evil.example", false),
    ];

    [Fact(Timeout = 120_000)]
    public async Task Rest_EveryHostAndOrigin_AllowedOnlyForLoopbackHostAndOwnOrigin()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await AdversarialServer.StartAsync(hubEndpoint: null, ct);
        var port = server.BaseAddress.Port;
        var wrong = new List<string>();
        foreach (var (hostName, loopback) in Hosts)
        {
            var host = $"{hostName}:{port}";
            foreach (var (originOf, same) in Origins)
            {
                var origin = originOf(host);
                foreach (var write in new[] { false, true })
                {
                    using var request = write
                        ? new HttpRequestMessage(HttpMethod.Post, "/api/settings") { Content = new StringContent("{}", Encoding.UTF8, "application/json") }
                        : new HttpRequestMessage(HttpMethod.Get, "/api/health");
                    request.Headers.Host = host;
                    if (origin is not null)
                    {
                        request.Headers.TryAddWithoutValidation("Origin", origin);
                    }

                    using var response = await server.Client.SendAsync(request, ct);
                    var allowed = loopback && same;
                    var ok = allowed ? response.IsSuccessStatusCode : response.StatusCode == HttpStatusCode.Forbidden;
                    var what = $"{request.Method} Host {host} Origin {origin ?? "(none)"} → {(int)response.StatusCode}";
                    if (ok)
                    {
                        AttackTally.Refused();
                    }
                    else
                    {
                        AttackTally.Failed(what);
                        wrong.Add(what);
                    }
                }
            }
        }

        Assert.Empty(wrong);
    }

    [Fact(Timeout = 120_000)]
    public async Task WebSocket_EveryOrigin_UpgradesOnlyForOwnOrigin()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await AdversarialServer.StartAsync(hubEndpoint: null, ct);
        var host = server.BaseAddress.Authority;
        var wsUri = new UriBuilder(server.BaseAddress) { Scheme = "ws", Path = "/api/ws" }.Uri;
        var wrong = new List<string>();
        foreach (var (originOf, same) in Origins)
        {
            var origin = originOf(host);
            using var socket = new ClientWebSocket();
            socket.Options.CollectHttpResponseDetails = true;
            if (origin is not null)
            {
                socket.Options.SetRequestHeader("Origin", origin);
            }

            HttpStatusCode status;
            try
            {
                await socket.ConnectAsync(wsUri, ct);
                status = socket.HttpStatusCode;
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", ct);
            }
            catch (WebSocketException)
            {
                status = socket.HttpStatusCode;
            }

            var ok = same ? status == HttpStatusCode.SwitchingProtocols : status == HttpStatusCode.Forbidden;
            var what = $"WS Origin {origin ?? "(none)"} → {(int)status}";
            if (ok)
            {
                AttackTally.Refused();
            }
            else
            {
                AttackTally.Failed(what);
                wrong.Add(what);
            }
        }

        Assert.Empty(wrong);
    }
}
