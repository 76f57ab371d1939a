using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HFDesk.HubEmulator;
using HFDesk.Server.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HFDesk.Server.Tests;

/// <summary>
/// One serializer for the API (issue 11 item 6): the routes' own metadata names every body and answer type, so a new
/// endpoint is checked without anyone listing it here.
/// </summary>
public sealed class ApiJsonContractTests
{
    [Fact(Timeout = 60_000)]
    public async Task EveryRouteBodyAndAnswer_ResolvesThroughApiJsonContextAlone()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await JobsTestServer.StartAsync(emulator);
        var options = server.Server.App.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

        var types = ApiEndpoints(server).SelectMany(DeclaredJsonTypes).Distinct().ToList();

        // The metadata is really there: both directions of the routes this test knows well.
        Assert.Contains(typeof(AnalyzeResponse), types);
        Assert.Contains(typeof(DownloadRequestBody), types);
        Assert.Contains(typeof(MirrorOperationRequest), types);
        var missing = types.Where(t => !options.TryGetTypeInfo(t, out _)).Select(t => t.Name).ToList();
        Assert.True(missing.Count == 0, $"Not in ApiJsonContext: {string.Join(", ", missing)}");
        // And nothing else answers: a type outside the context is not quietly served by reflection.
        Assert.False(options.TryGetTypeInfo(typeof(UnlistedBody), out _));
        Console.WriteLine($"{types.Count} body and answer types checked");
    }

    [Fact]
    public void EveryTypeApiJsonContextWrites_IsAServerContractNotACoreType()
    {
        // Every type the generator knows, nested ones included: a Core record on the wire would let a Core change
        // reshape the API unnoticed (issue 11 item 6).
        var known = typeof(ApiJsonContext).GetProperties()
            .Select(p => p.PropertyType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(JsonTypeInfo<>))
            .Select(t => t.GetGenericArguments()[0])
            .ToList();

        var core = known.Where(t => t.Assembly == typeof(HFDesk.Core.Settings.SettingsStore).Assembly).Select(t => t.Name).ToList();

        Assert.Contains(typeof(SettingsUpdateRequest), known);
        Assert.True(core.Count == 0, $"Core types on the wire: {string.Join(", ", core)}");
    }

    [Fact(Timeout = 180_000)]
    public async Task EveryGetRouteAndSocketMessage_ServedByHfdeskWithReflectionOff()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        List<RouteEndpoint> gets;
        await using (var inProcess = await JobsTestServer.StartAsync(emulator))
        {
            gets = [.. ApiEndpoints(inProcess).Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)];
        }

        var root = Directory.CreateTempSubdirectory("hfdesk-json-contract-").FullName;
        try
        {
            // The real hfdesk: its runtimeconfig turns reflection-based JSON off for the whole process.
            using var process = await JobsServerProcess.StartAsync(Path.Combine(root, "data"), Path.Combine(root, "hf"), emulator.Endpoint);
            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(new UriBuilder(process.BaseAddress) { Scheme = "ws", Path = "/api/ws" }.Uri, ct);
            Assert.Equal("status", (await SocketJson.ReceiveAsync(socket, TestContext.Current.CancellationToken)).GetProperty("type").GetString());

            using var posted = await process.Client.PostAsync(
                new Uri("/api/download", UriKind.Relative),
                new StringContent($$"""{"repo":"{{StandardFixtures.TransformersRepo}}","filters":["config.json"]}""", Encoding.UTF8, "application/json"),
                ct);
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
            var id = (await posted.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < 200 && !(seen.Contains("completed") && seen.Contains("event")); i++)
            {
                var message = await SocketJson.ReceiveAsync(socket, TestContext.Current.CancellationToken);
                var type = message.GetProperty("type").GetString()!;
                seen.Add(type);
                if (type == "job_update" && message.GetProperty("data").GetProperty("status").GetString() is { } status)
                {
                    Assert.NotEqual("failed", status);
                    seen.Add(status);
                }
            }

            Assert.Contains("completed", seen);
            Assert.Contains("event", seen);

            var (owner, name) = (StandardFixtures.TransformersRepo.Split('/')[0], StandardFixtures.TransformersRepo.Split('/')[1]);
            var hit = 0;
            foreach (var endpoint in gets)
            {
                var path = "/" + endpoint.RoutePattern.RawText!.TrimStart('/')
                    .Replace("{owner}", owner, StringComparison.Ordinal)
                    .Replace("{repo}", name, StringComparison.Ordinal)
                    .Replace("{id}", id, StringComparison.Ordinal);
                Assert.DoesNotContain("{", path, StringComparison.Ordinal);
                using var response = await process.Client.GetAsync(new Uri(path + "?q=tiny", UriKind.Relative), ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                Assert.True((int)response.StatusCode < 500, $"GET {path}: {(int)response.StatusCode} {body}");
                Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
                using var document = JsonDocument.Parse(body);
                hit++;
            }

            Assert.True(hit >= 10, $"only {hit} GET routes found");
            Console.WriteLine($"{hit} GET routes and {seen.Count} socket message kinds served with reflection off");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private static IEnumerable<RouteEndpoint> ApiEndpoints(JobsTestServer server) =>
        ((IEndpointRouteBuilder)server.Server.App).DataSources
            .SelectMany(d => d.Endpoints)
            .OfType<RouteEndpoint>()
            // /api/ws speaks the socket's messages (typed through ApiJsonContext.Default); /hub speaks the Hub's JSON.
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true && e.RoutePattern.RawText != "/api/ws");

    private static IEnumerable<Type> DeclaredJsonTypes(Endpoint endpoint) =>
        endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Select(m => m.Type)
            .Concat(endpoint.Metadata.OfType<IAcceptsMetadata>().Select(m => m.RequestType))
            .OfType<Type>()
            .Where(t => t != typeof(void) && !typeof(IResult).IsAssignableFrom(t));

    private sealed record UnlistedBody(string Name);
}
