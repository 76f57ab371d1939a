using System.Reflection;
using System.Text;
using System.Text.Json;
using HFDesk.HubEmulator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HFDesk.AdversarialTests.BadInput;

/// <summary>
/// The bad-input corpus, generated from the app's own endpoint table: every route segment, every query
/// parameter and every body field of every <c>/api</c> endpoint is fed hostile values (traversal, control and
/// bidi characters, huge and negative numbers, wrong JSON types, oversized text), plus malformed and oversized
/// bodies. A new endpoint or field is attacked without anyone adding it here. Every answer must be a 4xx
/// envelope or a 2xx, within a per-request timeout, and nothing outside the roots may change.
/// </summary>
public sealed class GeneratedCorpusTests
{
    // The WebSocket is the Origin/Host matrix's. Mirror push and pull are attacked with the server's usable target
    // (mirror/, a root) named in every body, so they really copy; the hand-edited unusable targets have their own test.
    private static readonly string[] Skipped = ["/api/ws"];

    private static readonly string[] HostileTexts =
    [
        "..", "../../outside/owner/name", "%2e%2e%2f%2e%2e", "..\\..\\outside", "a\0b", "line\r\nX-Injected: 1", "\u202egnp.exe",
        "ÿþ\uFFFD\uD800", "CON", "<script>alert(1)</script>", "-1", "99999999999999999999", "1e309", "NaN", "null", "",
        " ", new string('a', 5000), "refs/pr/../../x", "owner/name:../x", "$(touch /tmp/pwn)",
    ];

    private static readonly string[] HostileJsonValues =
    [
        "null", "-1", "0", "2147483648", "-9223372036854775809", "1e309", "true", "[]", "{}", "\"\"", "\"..\"",
        "\"../../outside/owner/name\"", "\"a\\u0000b\"", "\"line\\r\\nX: 1\"", $"\"{new string('x', 5000)}\"", "[\"..\"]", "[null]", "[1,2]",
    ];

    private static readonly string[] MalformedBodies = ["{", "[]", "null", "\"text\"", "{\"a\":", "{\"repo\":\"a/b\",}", "\u0000", "{\"repo\": NaN}"];

    [Fact(Timeout = 110_000)]
    public async Task EveryEndpoint_HostileInput_AnswersWithout5xxOrHangAndTouchesNothingOutsideTheRoots()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        await using var server = await AdversarialServer.StartAsync(hub.Endpoint, ct);
        var before = server.Tree.Snapshot();
        var endpoints = server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api", StringComparison.Ordinal) && !Skipped.Any(raw.StartsWith))
            .ToList();
        Assert.True(endpoints.Count >= 20, $"only {endpoints.Count} /api endpoints found: the enumeration broke");

        var failures = new List<string>();
        var tried = 0;
        foreach (var endpoint in endpoints)
        {
            foreach (var request in Requests(endpoint))
            {
                tried++;
                var failure = await SendAsync(server, request, ct);
                if (failure is not null)
                {
                    failures.Add(failure);
                    AttackTally.Failed(failure);
                }
                else
                {
                    AttackTally.Refused();
                }
            }
        }

        // Oversized headers and a body over the 1 MiB limit, once: Kestrel and the body limit answer them.
        foreach (var request in Oversized())
        {
            tried++;
            var failure = await SendAsync(server, request, ct);
            (failure is null ? (Action)AttackTally.Refused : () => AttackTally.Failed(failure!))();
            if (failure is not null)
            {
                failures.Add(failure);
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"/api corpus over {endpoints.Count} endpoints: tried {tried}, refused correctly {tried - failures.Count}, failures {failures.Count}");
        await WaitForJobsToSettleAsync(server, ct);
        var after = server.Tree.Snapshot();
        Assert.True(before.SetEquals(after), "outside the roots: " + string.Join(", ", after.Except(before).Concat(before.Except(after)).Take(10)));
        Assert.True(failures.Count == 0, $"{failures.Count} of {tried} answers broke the contract:\n" + string.Join("\n", failures.Take(30)));
    }

    private static IEnumerable<HttpRequestMessage> Requests(RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
        var handler = endpoint.Metadata.GetMetadata<MethodInfo>();
        var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
        var parameters = handler?.GetParameters() ?? [];
        var query = parameters.Where(p => IsQuery(p, routeNames)).Select(p => p.Name!).ToList();
        var body = parameters.FirstOrDefault(p => IsBody(p, routeNames))?.ParameterType;
        foreach (var method in methods)
        {
            // Each route segment hostile in turn, the others a plausible value.
            foreach (var segment in routeNames.DefaultIfEmpty(null))
            {
                foreach (var value in segment is null ? [""] : HostileTexts)
                {
                    yield return Message(method, Path(endpoint, segment, value), body is null ? null : "{}");
                }
            }

            foreach (var name in query)
            {
                foreach (var value in HostileTexts)
                {
                    yield return Message(method, Path(endpoint, null, null) + "?" + name + "=" + Uri.EscapeDataString(value), body is null ? null : "{}");
                }
            }

            if (body is null)
            {
                continue;
            }

            foreach (var malformed in MalformedBodies)
            {
                yield return Message(method, Path(endpoint, null, null), malformed);
            }

            var plausible = new Dictionary<string, string>(StringComparer.Ordinal) { ["repo"] = "\"emulator/tiny-transformers\"" };
            if (endpoint.RoutePattern.RawText!.StartsWith("/api/mirror/", StringComparison.Ordinal))
            {
                plausible["target"] = $"\"{AdversarialServer.MirrorTarget}\"";
            }

            foreach (var field in JsonFields(body))
            {
                var others = string.Concat(plausible.Where(p => p.Key != field).Select(p => $"\"{p.Key}\":{p.Value},"));
                foreach (var value in HostileJsonValues)
                {
                    yield return Message(method, Path(endpoint, null, null), $"{{{others}\"{field}\":{value}}}");
                }
            }
        }
    }

    private static IEnumerable<HttpRequestMessage> Oversized()
    {
        var bigHeader = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        bigHeader.Headers.TryAddWithoutValidation("X-Big", new string('h', 64 * 1024));
        yield return bigHeader;
        yield return new HttpRequestMessage(HttpMethod.Get, "/api/search?q=" + new string('q', 40 * 1024));
        yield return Message("POST", "/api/settings", "{\"maxSpeed\":\"" + new string('9', 2 * 1024 * 1024) + "\"}");
        yield return Message("POST", "/api/plan", "[" + string.Concat(Enumerable.Repeat("[", 5000)) + "]");
    }

    private static bool IsQuery(ParameterInfo p, List<string> route) =>
        !route.Contains(p.Name!, StringComparer.OrdinalIgnoreCase) && IsSimple(p.ParameterType) && !IsInjected(p);

    private static bool IsBody(ParameterInfo p, List<string> route) =>
        !route.Contains(p.Name!, StringComparer.OrdinalIgnoreCase) && !IsSimple(p.ParameterType) && !IsInjected(p)
        && p.ParameterType != typeof(HttpContext) && p.ParameterType != typeof(CancellationToken) && !p.ParameterType.IsInterface;

    private static bool IsInjected(ParameterInfo p) => p.GetCustomAttribute<FromServicesAttribute>() is not null;

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t == typeof(string) || t.IsEnum;
    }

    private static IEnumerable<string> JsonFields(Type body) =>
        body.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name))
            .Distinct(StringComparer.Ordinal);

    private static string Path(RouteEndpoint endpoint, string? hostileSegment, string? value)
    {
        var parts = new List<string>();
        foreach (var segment in endpoint.RoutePattern.PathSegments)
        {
            var text = new StringBuilder();
            foreach (var part in segment.Parts)
            {
                text.Append(part switch
                {
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => parameter.Name == hostileSegment
                        ? Uri.EscapeDataString(value ?? "")
                        : Plausible(parameter.Name),
                    _ => "",
                });
            }

            parts.Add(text.ToString());
        }

        return "/" + string.Join('/', parts);
    }

    private static string Plausible(string name) => name switch
    {
        "owner" => "emulator",
        "repo" => "tiny-transformers",
        _ => "x0",
    };

    private static HttpRequestMessage Message(string method, string path, string? body)
    {
        var message = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            message.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return message;
    }

    /// <summary>Null when the answer keeps the contract, else what went wrong.</summary>
    private static async Task<string?> SendAsync(AdversarialServer server, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            var what = $"{request.Method} {Shorten(request.RequestUri?.OriginalString ?? "")}";
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                using var response = await server.Client.SendAsync(request, timeout.Token);
                var status = (int)response.StatusCode;
                if (status >= 500 && status is not (502 or 504))
                {
                    return $"{what} answered {status}";
                }

                if (status >= 400 && request.Method != HttpMethod.Head && response.Content.Headers.ContentType?.MediaType == "application/json")
                {
                    using var envelope = JsonDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token));
                    if (!envelope.RootElement.TryGetProperty("error_detail", out _))
                    {
                        return $"{what} answered {status} without the error envelope";
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
                // Kestrel may close the connection on a request it refuses outright (oversized headers); that is a refusal.
                return ex.HttpRequestError is HttpRequestError.ResponseEnded or HttpRequestError.ConnectionError ? null : $"{what} failed: {ex.Message}";
            }
        }
    }

    private static string Shorten(string text) => text.Length > 120 ? text[..120] + "…" : text;

    private static async Task WaitForJobsToSettleAsync(AdversarialServer server, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 400; i++)
        {
            using var response = await server.Client.GetAsync(new Uri("/api/jobs", UriKind.Relative), cancellationToken);
            using var jobs = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (!jobs.RootElement.GetProperty("jobs").EnumerateArray().Any(j => j.GetProperty("status").GetString() is "queued" or "running"))
            {
                return;
            }

            await Task.Delay(50, cancellationToken);
        }
    }
}
