using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HFDesk.Core.Settings;
using HFDesk.HubEmulator;

namespace HFDesk.AdversarialTests.BadInput;

/// <summary>
/// The bad-input corpus against <c>/hub/**</c>, the Hub protocol this server answers when its Hub endpoint is on
/// (pull-through from the emulator), with a LAN token and anonymously. <c>/hub</c> is one catch-all route, so the
/// generated corpus cannot derive it from the endpoint table: its routes are listed here from api.md § Hub endpoint,
/// and every segment, query value, body and header is made hostile in turn. Every answer is a success or the Hub's
/// own error (<c>{"error"}</c>, <c>X-Error-Message</c>, and a known <c>X-Error-Code</c> when there is one), never a
/// 5xx, never a hang, and nothing outside the roots changes.
/// </summary>
public sealed class HubEndpointCorpusTests
{
    private const string LanToken = "hfdesk-adversarial-lan-token-0123456789";
    private const string HubPrefix = "/hub/";

    private static readonly string[] KnownErrorCodes = ["RepoNotFound", "RevisionNotFound", "EntryNotFound", "GatedRepo"];

    // Route templates of hub-protocol §1 under /hub; {o}wner, {n}ame, {r}evision and {p}ath are attacked in turn.
    private static readonly (string Method, string Template)[] Routes =
    [
        ("GET", "/hub/api/models/{o}/{n}"),
        ("GET", "/hub/api/models/{o}/{n}/revision/{r}"),
        ("GET", "/hub/api/models/{o}/{n}/tree/{r}/{p}"),
        ("GET", "/hub/api/datasets/{o}/{n}/tree/{r}"),
        ("GET", "/hub/api/models/{o}/{n}/refs"),
        ("POST", "/hub/api/models/{o}/{n}/paths-info/{r}"),
        ("HEAD", "/hub/{o}/{n}/resolve/{r}/{p}"),
        ("GET", "/hub/{o}/{n}/resolve/{r}/{p}"),
        ("GET", "/hub/datasets/{o}/{n}/resolve/{r}/{p}"),
        ("GET", "/hub/{o}/{n}/raw/{r}/{p}"),
    ];

    private static readonly Dictionary<string, string> Plausible = new(StringComparer.Ordinal)
    {
        ["{o}"] = "emulator",
        ["{n}"] = "tiny-transformers",
        ["{r}"] = "main",
        ["{p}"] = "config.json",
    };

    private static readonly string[] HostileTexts =
    [
        "..", "../../outside/owner/name", "%2e%2e%2f%2e%2e", "..\\..\\outside", "a\0b", "line\r\nX-Injected: 1", "\u202egnp.exe",
        "ÿþ\uFFFD\uD800", "CON", "<script>alert(1)</script>", "-1", "99999999999999999999", "", " ", new string('a', 3000),
        "refs/pr/../../x", "refs%2Fpr%2F1", "0123456789abcdef0123456789abcdef01234567", ".git", "$(touch /tmp/pwn)",
    ];

    private static readonly string[] HostileQueries =
    [
        "recursive=maybe", "expand=1&expand=0", "cursor=%00", "cursor=" + new string('A', 4000), "cursor=bzotMQ==", "cursor=bzo5OTk5OTk5OTk5",
        "limit=-1", "blobs=true&expand[]=../x",
    ];

    private static readonly string[] HostileRanges =
    [
        "bytes=-0", "bytes=999999999999999999999-", "bytes=5-1", "bytes=0-0,1-1", "bytes=abc", "items=0-1", "bytes=-99999999999", "bytes=18446744073709551615-",
    ];

    private static readonly string[] HostilePathsInfoBodies =
    [
        "{\"paths\":[\"../../outside/owner/name/precious.txt\"],\"expand\":true}", "{\"paths\":\"config.json\"}", "{\"paths\":[null,1,{}]}",
        "{", "null", "[]", "paths=..%2F..%2Fx&expand=maybe", "{\"paths\":[\"" + new string('p', 5000) + "\"]}",
    ];

    [Theory(Timeout = 90_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HubRoutes_HostileInput_AnswerTheHubsOwnErrorsWithout5xxOrHang(bool anonymous)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        var settings = new SettingsUpdate { HubEndpoint = new HubEndpointSettingsUpdate { Enabled = true, Tokens = [LanToken], Anonymous = anonymous } };
        await using var server = await AdversarialServer.StartAsync(hub.Endpoint, settings, ct);
        var before = server.Tree.Snapshot();

        var failures = new List<string>();
        var tried = 0;
        foreach (var request in Requests(anonymous))
        {
            tried++;
            var failure = await SendAsync(server, request, ct);
            if (failure is null)
            {
                AttackTally.Refused();
            }
            else
            {
                failures.Add(failure);
                AttackTally.Failed(failure);
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"/hub corpus ({(anonymous ? "anonymous" : "LAN token")}): tried {tried}, refused correctly {tried - failures.Count}, failures {failures.Count}");
        var after = server.Tree.Snapshot();
        Assert.True(before.SetEquals(after), "outside the roots: " + string.Join(", ", after.Except(before).Concat(before.Except(after)).Take(10)));
        Assert.True(failures.Count == 0, $"{failures.Count} of {tried} /hub answers broke the contract:\n" + string.Join("\n", failures.Take(30)));
    }

    private static IEnumerable<HttpRequestMessage> Requests(bool anonymous)
    {
        foreach (var (method, template) in Routes)
        {
            var body = method == "POST" ? "{\"paths\":[\"config.json\"],\"expand\":true}" : null;
            foreach (var placeholder in Plausible.Keys.Where(template.Contains))
            {
                foreach (var value in HostileTexts)
                {
                    yield return Message(method, Fill(template, placeholder, value), body, anonymous);
                }
            }

            foreach (var query in HostileQueries)
            {
                yield return Message(method, Fill(template, null, null) + "?" + query, body, anonymous);
            }
        }

        foreach (var range in HostileRanges)
        {
            var ranged = Message("GET", Fill("/hub/{o}/{n}/resolve/{r}/{p}", null, null), null, anonymous);
            ranged.Headers.TryAddWithoutValidation("Range", range);
            yield return ranged;
        }

        foreach (var body in HostilePathsInfoBodies)
        {
            var request = Message("POST", Fill("/hub/api/models/{o}/{n}/paths-info/{r}", null, null), body, anonymous);
            if (body.StartsWith("paths=", StringComparison.Ordinal))
            {
                request.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
            }

            yield return request;
        }

        // Credentials that are not the LAN token: refused with the Hub's 401, even where anonymous access is allowed.
        foreach (var authorization in new[] { "Bearer wrong-token", "Basic " + Convert.ToBase64String("a:b"u8), "Bearer " + new string('t', 6000), "Bearer", LanToken })
        {
            var request = Message("GET", Fill("/hub/api/models/{o}/{n}", null, null), null, anonymous: true);
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
            yield return request;
        }

        var conditional = Message("GET", Fill("/hub/{o}/{n}/resolve/{r}/{p}", null, null), null, anonymous);
        conditional.Headers.TryAddWithoutValidation("If-None-Match", "\"" + new string('e', 5000) + "\", *, W/\"x\"");
        yield return conditional;
    }

    private static string Fill(string template, string? hostile, string? value)
    {
        var path = template;
        foreach (var (placeholder, plausible) in Plausible)
        {
            path = path.Replace(placeholder, placeholder == hostile ? Uri.EscapeDataString(value!) : plausible, StringComparison.Ordinal);
        }

        return path;
    }

    private static HttpRequestMessage Message(string method, string path, string? body, bool anonymous)
    {
        var message = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (!anonymous)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", LanToken);
        }

        if (body is not null)
        {
            message.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return message;
    }

    /// <summary>Null when the answer is what the Hub would send, else what went wrong.</summary>
    private static async Task<string?> SendAsync(AdversarialServer server, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            var uri = request.RequestUri?.OriginalString ?? "";
            var what = $"{request.Method} {(uri.Length > 120 ? uri[..120] + "…" : uri)}";
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                using var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                var status = (int)response.StatusCode;
                if (status >= 500)
                {
                    return $"{what} answered {status}";
                }

                // A 416 is RFC 9110's, as the Hub's CDN sends it: Content-Range names the size, no error body. A target
                // with an encoded NUL is refused by Kestrel itself (an empty 400) before any of HFDesk runs. And a ".."
                // segment is resolved by the client, so the request left /hub: only "no 5xx" applies to it.
                var left = !new Uri(server.BaseAddress, request.RequestUri!).AbsolutePath.StartsWith(HubPrefix, StringComparison.Ordinal);
                if (status < 400
                    || left
                    || (status == 416 && response.Content.Headers.ContentRange is { HasRange: false, HasLength: true })
                    || (status == 400 && uri.Contains("%00", StringComparison.Ordinal) && response.Content.Headers.ContentLength == 0))
                {
                    return null;
                }

                if (response.Headers.TryGetValues("X-Error-Code", out var codes) && !KnownErrorCodes.Contains(codes.First(), StringComparer.Ordinal))
                {
                    return $"{what} answered {status} with an X-Error-Code the Hub does not send: {codes.First()}";
                }

                if (!response.Headers.Contains("X-Error-Message"))
                {
                    var said = request.Method == HttpMethod.Head ? "" : await response.Content.ReadAsStringAsync(timeout.Token);
                    return $"{what} answered {status} without X-Error-Message: {(said.Length > 160 ? said[..160] : said)}";
                }

                if (request.Method != HttpMethod.Head)
                {
                    var text = await response.Content.ReadAsStringAsync(timeout.Token);
                    try
                    {
                        using var error = JsonDocument.Parse(text);
                        if (error.RootElement.ValueKind != JsonValueKind.Object || !error.RootElement.TryGetProperty("error", out var message) || message.ValueKind != JsonValueKind.String)
                        {
                            return $"{what} answered {status} without the Hub's {{\"error\"}} body: {text}";
                        }
                    }
                    catch (JsonException)
                    {
                        return $"{what} answered {status} with a body that is not JSON: {(text.Length > 80 ? text[..80] : text)}";
                    }
                }

                return null;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return $"{what} hung (no answer in 10 s)";
            }
            catch (HttpRequestException ex)
            {
                // Kestrel may refuse a request outright (an oversized header) by closing the connection: a refusal.
                return ex.HttpRequestError is HttpRequestError.ResponseEnded or HttpRequestError.ConnectionError ? null : $"{what} failed: {ex.Message}";
            }
        }
    }
}
