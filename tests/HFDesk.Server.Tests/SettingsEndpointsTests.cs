using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HFDesk.Core.Hub;
using HFDesk.Core.Settings;
using HFDesk.HubEmulator;

namespace HFDesk.Server.Tests;

public sealed class SettingsEndpointsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "hfdesk-settings-api-" + Guid.NewGuid().ToString("N")[..10]);

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private HfDeskServerOptions Options() => new()
    {
        DataDir = Path.Combine(_root, "data"),
        CacheDir = Path.Combine(_root, "cache"),
        Environment = HfEnvironment.Empty(Path.Combine(_root, "home")),
    };

    private static async Task<JsonElement> GetSettingsAsync(RunningServer server, CancellationToken ct)
    {
        using var response = await server.Client.GetAsync(new Uri("/api/settings", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    private static Task<HttpResponseMessage> PostAsync(RunningServer server, string json, CancellationToken ct) =>
        server.Client.PostAsync(new Uri("/api/settings", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"), ct);

    [Fact(Timeout = 60_000)]
    public async Task Get_FreshDataDir_ShowsDefaultsAndResolvedRoots()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await RunningServer.StartAsync(Options());

        var body = await GetSettingsAsync(server, ct);

        Assert.False(body.TryGetProperty("token", out _));
        Assert.Equal(Path.Combine(_root, "cache"), body.GetProperty("cacheDir").GetString());
        Assert.Equal(Path.Combine(_root, "cache", "hub"), body.GetProperty("effectiveHubDir").GetString());
        Assert.Equal("cacheDir", body.GetProperty("hubDirSource").GetString());
        Assert.Equal(8, body.GetProperty("connections").GetInt32());
        Assert.Equal(4, body.GetProperty("maxActive").GetInt32());
        Assert.Equal(1, body.GetProperty("maxConcurrentJobs").GetInt32());
        Assert.Equal("32MiB", body.GetProperty("multipartThreshold").GetString());
        Assert.Equal("etag", body.GetProperty("verify").GetString());
        Assert.Equal("60s", body.GetProperty("stallTimeout").GetString());
        Assert.False(body.GetProperty("allowRequestLocalDir").GetBoolean());
    }

    [Fact(Timeout = 120_000)]
    public async Task Post_ValidChanges_AreMaskedSavedAndSurviveRestart()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var server = await RunningServer.StartAsync(Options()))
        {
            using var response = await PostAsync(server, """
                { "token": "hf_abcdefgh1234", "connections": 12, "maxSpeed": "25MB", "verify": "sha256",
                  "proxy": { "url": "http://proxy.local:3128", "password": "pr0xy-secret" } }
                """, ct);
            var text = await response.Content.ReadAsStringAsync(ct);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("hf_abcdefgh1234", text, StringComparison.Ordinal);
            Assert.DoesNotContain("pr0xy-secret", text, StringComparison.Ordinal);
            var body = JsonDocument.Parse(text).RootElement;
            Assert.Equal("Settings saved", body.GetProperty("message").GetString());
            Assert.Equal("********1234", body.GetProperty("settings").GetProperty("token").GetString());
            Assert.True(body.GetProperty("settings").GetProperty("proxy").GetProperty("hasPassword").GetBoolean());
        }

        await using var restarted = await RunningServer.StartAsync(Options());
        var after = await GetSettingsAsync(restarted, ct);

        Assert.Equal("********1234", after.GetProperty("token").GetString());
        Assert.Equal(12, after.GetProperty("connections").GetInt32());
        Assert.Equal("25MB", after.GetProperty("maxSpeed").GetString());
        Assert.Equal("sha256", after.GetProperty("verify").GetString());
        Assert.Equal("http://proxy.local:3128", after.GetProperty("proxy").GetProperty("url").GetString());
        Assert.DoesNotContain("pr0xy-secret", after.ToString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Post_OneInvalidField_Answers400AndChangesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await RunningServer.StartAsync(Options());

        using var response = await PostAsync(server, """{ "connections": 12, "maxActive": 0, "verify": "md5" }""", ct);

        var envelope = await RunningServer.AssertEnvelopeAsync(response, 400, "bad_request");
        var details = envelope.GetProperty("details").GetString()!;
        Assert.Contains("maxActive", details, StringComparison.Ordinal);
        Assert.Contains("verify", details, StringComparison.Ordinal);
        Assert.Equal(8, (await GetSettingsAsync(server, ct)).GetProperty("connections").GetInt32());
        Assert.False(File.Exists(Path.Combine(_root, "data", "config.json")));
    }

    [Fact(Timeout = 60_000)]
    public async Task Post_MaskedTokenEcho_KeepsItAndEmptyClearsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await RunningServer.StartAsync(Options());
        (await PostAsync(server, """{ "token": "hf_originaltoken9876" }""", ct)).Dispose();

        (await PostAsync(server, """{ "token": "********9876", "retries": 6 }""", ct)).Dispose();
        var kept = await GetSettingsAsync(server, ct);
        (await PostAsync(server, """{ "token": "" }""", ct)).Dispose();
        var cleared = await GetSettingsAsync(server, ct);

        Assert.Equal("********9876", kept.GetProperty("token").GetString());
        Assert.Equal(6, kept.GetProperty("retries").GetInt32());
        Assert.False(cleared.TryGetProperty("token", out _));
        Assert.DoesNotContain("hf_originaltoken9876", await File.ReadAllTextAsync(Path.Combine(_root, "data", "config.json"), ct), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Post_ConcurrentRequests_ConvergeInMemoryAndOnDisk()
    {
        var ct = TestContext.Current.CancellationToken;
        int final;
        await using (var server = await RunningServer.StartAsync(Options()))
        {
            var posts = Enumerable.Range(1, 12).Select(i => PostAsync(server, $$"""{ "connections": {{i}}, "maxConcurrentJobs": {{(i % 8) + 1}} }""", ct));
            var responses = await Task.WhenAll(posts);
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            foreach (var r in responses)
            {
                r.Dispose();
            }

            var body = await GetSettingsAsync(server, ct);
            Assert.Equal(13, body.GetProperty("revision").GetInt64());
            final = body.GetProperty("connections").GetInt32();
            // Both fields come from the same request: updates are applied whole, one at a time.
            Assert.Equal((final % 8) + 1, body.GetProperty("maxConcurrentJobs").GetInt32());
        }

        await using var restarted = await RunningServer.StartAsync(Options());
        Assert.Equal(final, (await GetSettingsAsync(restarted, ct)).GetProperty("connections").GetInt32());
    }

    private HfDeskServerOptions OptionsWithTokenFile(string tokenFile, Uri? endpoint = null) => Options() with
    {
        Environment = new HfEnvironment(new Dictionary<string, string> { ["HF_TOKEN_PATH"] = tokenFile }, Path.Combine(_root, "home")),
        Hub = endpoint is null ? HubClientOptions.Default : new HubClientOptions { Endpoint = endpoint.AbsoluteUri, MaxRetries = 0 },
    };

    [Fact(Timeout = 60_000)]
    public async Task Get_TokenFromHuggingFaceTokenFile_ReportsFileSourceAndPathButNeverTheToken()
    {
        var ct = TestContext.Current.CancellationToken;
        var tokenFile = Path.Combine(_root, "hf home", "token");
        Directory.CreateDirectory(Path.GetDirectoryName(tokenFile)!);
        await File.WriteAllTextAsync(tokenFile, "hf_filetokensecret4321\n", ct);
        await using var server = await RunningServer.StartAsync(OptionsWithTokenFile(tokenFile));

        using var response = await server.Client.GetAsync(new Uri("/api/settings", UriKind.Relative), ct);
        var text = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("hf_filetokensecret", text, StringComparison.Ordinal);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal("********4321", body.GetProperty("token").GetString());
        Assert.Equal("tokenFile", body.GetProperty("tokenSource").GetString());
        Assert.Equal(tokenFile, body.GetProperty("tokenFile").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Post_ClearTokenWhileTokenFileHasOne_SaysTheFileStillApplies()
    {
        var ct = TestContext.Current.CancellationToken;
        var tokenFile = Path.Combine(_root, "hf", "token");
        Directory.CreateDirectory(Path.GetDirectoryName(tokenFile)!);
        await File.WriteAllTextAsync(tokenFile, "hf_filetokensecret4321", ct);
        await using var server = await RunningServer.StartAsync(OptionsWithTokenFile(tokenFile));
        using var set = await PostAsync(server, """{ "token": "hf_hfdesktoken9876" }""", ct);
        var afterSet = JsonDocument.Parse(await set.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("settings");

        using var cleared = await PostAsync(server, """{ "token": "" }""", ct);
        var text = await cleared.Content.ReadAsStringAsync(ct);

        Assert.Equal(("config", "********9876"), (afterSet.GetProperty("tokenSource").GetString(), afterSet.GetProperty("token").GetString()));
        Assert.False(afterSet.TryGetProperty("tokenFile", out _));
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.DoesNotContain("hf_filetokensecret", text, StringComparison.Ordinal);
        var body = JsonDocument.Parse(text).RootElement;
        var message = body.GetProperty("message").GetString()!;
        Assert.StartsWith("Settings saved", message, StringComparison.Ordinal);
        Assert.Contains(tokenFile, message, StringComparison.Ordinal);
        Assert.Contains("still applies", message, StringComparison.Ordinal);
        Assert.Equal("tokenFile", body.GetProperty("settings").GetProperty("tokenSource").GetString());
        Assert.Equal("********4321", body.GetProperty("settings").GetProperty("token").GetString());
    }

    [Fact(Timeout = 120_000)]
    public async Task Get_TokenFileWrittenWhileServerRuns_IsReportedAndSentToTheHub()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        var tokenFile = Path.Combine(_root, "hf", "token");
        await using var server = await RunningServer.StartAsync(OptionsWithTokenFile(tokenFile, emulator.Endpoint));

        var before = await GetSettingsAsync(server, ct);
        using var privateBefore = await server.Client.GetAsync(new Uri($"/api/analyze/{StandardFixtures.PrivateRepo}", UriKind.Relative), ct);
        Directory.CreateDirectory(Path.GetDirectoryName(tokenFile)!);
        await File.WriteAllTextAsync(tokenFile, HubEmulatorTokens.Valid + "\n", ct);
        var after = await GetSettingsAsync(server, ct);
        using var privateAfter = await server.Client.GetAsync(new Uri($"/api/analyze/{StandardFixtures.PrivateRepo}", UriKind.Relative), ct);

        Assert.Equal("default", before.GetProperty("tokenSource").GetString());
        Assert.False(before.TryGetProperty("token", out _));
        Assert.NotEqual(HttpStatusCode.OK, privateBefore.StatusCode);
        Assert.Equal("tokenFile", after.GetProperty("tokenSource").GetString());
        Assert.True(after.GetProperty("revision").GetInt64() > before.GetProperty("revision").GetInt64());
        Assert.DoesNotContain(HubEmulatorTokens.Valid, after.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, privateAfter.StatusCode);
        Assert.Contains(emulator.Requests.Snapshot(), r => r.Authorization == $"Bearer {HubEmulatorTokens.Valid}");
    }

    // Regression (issue 12 item 2): this token was saved (200) and every Hub call answered 500 afterwards.
    [Fact(Timeout = 120_000)]
    public async Task Post_TokenWithLineBreak_Answers400AndHubCallsStillWork()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        await using var server = await RunningServer.StartAsync(Options() with { Hub = new HubClientOptions { Endpoint = emulator.Endpoint.AbsoluteUri, MaxRetries = 0 } });

        using var refused = await PostAsync(server, """{ "token": "hf_a\r\nX-Injected: 1" }""", ct);
        using var nul = await PostAsync(server, """{ "token": "hf_a\u0000b" }""", ct);
        using var accented = await PostAsync(server, """{ "token": "hf_\u00e9t\u00e9" }""", ct);
        var settings = await GetSettingsAsync(server, ct);
        using var search = await server.Client.GetAsync(new Uri("/api/search?q=tiny", UriKind.Relative), ct);

        var body = await RunningServer.AssertEnvelopeAsync(refused, 400, "bad_request");
        Assert.DoesNotContain("X-Injected", body.ToString(), StringComparison.Ordinal);
        await RunningServer.AssertEnvelopeAsync(nul, 400, "bad_request");
        await RunningServer.AssertEnvelopeAsync(accented, 400, "bad_request");
        Assert.False(settings.TryGetProperty("token", out _));
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.DoesNotContain(emulator.Requests.Snapshot(), r => r.Authorization is not null);
    }

    // Regression (issue 12 item 1): localDir "/" let DELETE /api/cache/etc/ssh reach /etc/ssh.
    [Theory(Timeout = 60_000)]
    [InlineData("localDir", "\"/\"")]
    [InlineData("localDir", "\"/etc\"")]
    [InlineData("cacheDir", "\"/usr\"")]
    [InlineData("localDir", "\"relative\"")]
    [InlineData("localScanDirs", "[\"/proc\"]")]
    public async Task Post_RootOrSystemFolder_Answers400AndChangesNothing(string field, string json)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix folders");
        var ct = TestContext.Current.CancellationToken;
        await using var server = await RunningServer.StartAsync(Options());
        var before = await GetSettingsAsync(server, ct);

        using var response = await PostAsync(server, $$"""{ "{{field}}": {{json}}, "maxActive": 2 }""", ct);
        var after = await GetSettingsAsync(server, ct);

        await RunningServer.AssertEnvelopeAsync(response, 400, "bad_request");
        Assert.Equal(before.GetProperty("revision").GetInt64(), after.GetProperty("revision").GetInt64());
        Assert.Equal(4, after.GetProperty("maxActive").GetInt32());
    }

    [Fact(Timeout = 60_000)]
    public async Task Post_MalformedJson_AnswersEnvelope()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await RunningServer.StartAsync(Options());

        using var response = await PostAsync(server, """{ "connections": """, ct);

        await RunningServer.AssertEnvelopeAsync(response, 400, "bad_request");
    }
}
