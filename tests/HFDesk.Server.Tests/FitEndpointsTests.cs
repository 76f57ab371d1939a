using System.Net;
using System.Text.Json;
using HFDesk.HubEmulator;

namespace HFDesk.Server.Tests;

/// <summary>Issue 15 item 1–2: /api/system, the hardware setting, fit badges and the repo page's Hub facts.</summary>
public sealed class FitEndpointsTests
{
    private const int Timeout = 60_000;
    private const long KiB = 1024;

    // The emulator's Tiny-Llama header: KV at its 2048-token context is 46,137,344 bytes; margin 512 MiB; mmproj-F16 48 KiB.
    private const long Base = 46_137_344 + (512L << 20) + (48 * KiB);

    [Fact(Timeout = Timeout)]
    public async Task System_Measured_RamGpusOsArchAndBudget()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await JobsTestServer.StartAsync(emulator);

        var system = await server.GetJsonAsync("/api/system");

        Assert.True(system.GetProperty("ram").GetProperty("total").GetInt64() > 64L << 20);
        Assert.Equal(JsonValueKind.Array, system.GetProperty("gpus").ValueKind);
        Assert.Contains(system.GetProperty("os").GetString(), new[] { "linux", "windows", "macos", "other" });
        Assert.False(string.IsNullOrEmpty(system.GetProperty("arch").GetString()));
        Assert.Equal(system.GetProperty("ram").GetProperty("total").GetInt64(), system.GetProperty("budget").GetProperty("ram").GetInt64());
        Assert.False(system.GetProperty("budget").GetProperty("overridden").GetBoolean());
    }

    [Fact(Timeout = Timeout)]
    public async Task HardwareSetting_OverridesBudget_AndRejectsNonsense()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await JobsTestServer.StartAsync(emulator);

        using (var saved = await server.PostJsonAsync("/api/settings", new { hardware = new { ram = 32L << 30, vram = 8L << 30, unifiedMemory = (bool?)null } }))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        var budget = (await server.GetJsonAsync("/api/system")).GetProperty("budget");
        Assert.Equal(32L << 30, budget.GetProperty("ram").GetInt64());
        Assert.Equal(8L << 30, budget.GetProperty("vram").GetInt64());
        Assert.True(budget.GetProperty("overridden").GetBoolean());
        var hardware = (await server.GetJsonAsync("/api/settings")).GetProperty("hardware");
        Assert.Equal(8L << 30, hardware.GetProperty("vram").GetInt64());
        Assert.Equal(JsonValueKind.Null, hardware.GetProperty("unifiedMemory").ValueKind);

        using var refused = await server.PostJsonAsync("/api/settings", new { hardware = new { ram = 5 } });
        var envelope = await RunningServer.AssertEnvelopeAsync(refused, 400, "bad_request");
        Assert.Contains("hardware.ram", envelope.GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Equal(8L << 30, (await server.GetJsonAsync("/api/system")).GetProperty("budget").GetProperty("vram").GetInt64());
    }

    [Fact(Timeout = Timeout)]
    public async Task Analyze_GgufWithHardware_FitBadgesRecommendationAndContext()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await JobsTestServer.StartAsync(emulator);
        // VRAM exactly what Q5_K_M (168 KiB) needs: it runs wholly on the GPU, Q6_K only partly, nothing is too large.
        using (await server.PostJsonAsync("/api/settings", new { hardware = new { ram = 16L << 30, vram = Base + (168 * KiB), unifiedMemory = false } }))
        {
        }

        var body = await server.GetJsonAsync($"/api/analyze/{StandardFixtures.GgufRepo}");
        var longer = await server.GetJsonAsync($"/api/analyze/{StandardFixtures.GgufRepo}?context=8192");

        var gguf = body.GetProperty("gguf");
        Assert.Equal("llama", gguf.GetProperty("architecture").GetString());
        Assert.Equal(2048, gguf.GetProperty("context_length").GetInt64());
        Assert.Equal(2048, gguf.GetProperty("context").GetInt64());
        Assert.Equal(4, gguf.GetProperty("head_count_kv").GetInt64());
        Assert.Equal("full_gpu", Item(body, "q5_k_m").GetProperty("fit").GetString());
        Assert.Equal("partial_gpu", Item(body, "q6_k").GetProperty("fit").GetString());
        Assert.Equal(Base + (168 * KiB), Item(body, "q5_k_m").GetProperty("estimated_ram").GetInt64());
        Assert.Equal(["q5_k_m", "mmproj-f16"], body.GetProperty("recommended_filters").EnumerateArray().Select(f => f.GetString()));
        Assert.False(Item(body, "mmproj-f16").TryGetProperty("fit", out _));

        Assert.Equal(8192, longer.GetProperty("gguf").GetProperty("context").GetInt64());
        Assert.Equal(Base + (168 * KiB) + (3 * 46_137_344), Item(longer, "q5_k_m").GetProperty("estimated_ram").GetInt64());
        Assert.Equal("partial_gpu", Item(longer, "q5_k_m").GetProperty("fit").GetString());

        using var bad = await server.Client.GetAsync(new Uri($"/api/analyze/{StandardFixtures.GgufRepo}?context=lots", UriKind.Relative), TestContext.Current.CancellationToken);
        await RunningServer.AssertEnvelopeAsync(bad, 400, "bad_request");
    }

    [Fact(Timeout = Timeout)]
    public async Task Analyze_RepoPageFacts_GatedRefsPopularityAndSanitizedReadme()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        emulator.Repos.Add(RepoFixture.Model("emulator/readme-model")
            .WithFile("README.md", "---\nlicense: mit\n---\n# Card\n\n<script>alert(1)</script>\n\n[cfg](config.json) ![plot](img/plot.png) ![pixel](https://tracker.example/p.gif) [x](javascript:alert(1))\n")
            .WithFile("config.json", "{}"));
        await using var server = await JobsTestServer.StartAsync(emulator);

        var gated = await server.GetJsonAsync($"/api/analyze/{StandardFixtures.GatedRepo}");
        var refs = await server.GetJsonAsync($"/api/analyze/{StandardFixtures.RefsRepo}");
        var gguf = await server.GetJsonAsync($"/api/analyze/{StandardFixtures.GgufRepo}");
        var readme = await server.GetJsonAsync("/api/analyze/emulator/readme-model");

        Assert.Equal("manual", gated.GetProperty("gated").GetString());
        Assert.EndsWith("/" + StandardFixtures.GatedRepo, gated.GetProperty("repo_url").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.False, gguf.GetProperty("gated").ValueKind);
        Assert.False(gguf.GetProperty("private").GetBoolean());
        Assert.Equal(125_000, gguf.GetProperty("downloads").GetInt64());
        Assert.Equal(321, gguf.GetProperty("likes").GetInt64());
        Assert.Equal(JsonValueKind.String, gguf.GetProperty("last_modified").ValueKind);
        Assert.Contains(refs.GetProperty("refs").GetProperty("tags").EnumerateArray(), t => t.GetProperty("name").GetString() == StandardFixtures.RefsTag);
        Assert.Contains(refs.GetProperty("refs").GetProperty("branches").EnumerateArray(), b => b.GetProperty("name").GetString() == StandardFixtures.RefsSlashBranch);

        var html = readme.GetProperty("readme").GetString()!;
        var commit = readme.GetProperty("commit").GetString();
        var root = emulator.Endpoint.AbsoluteUri + "emulator/readme-model/";
        Assert.Contains("<h1", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("license: mit", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{root}blob/{commit}/config.json\"", html, StringComparison.Ordinal);
        Assert.Contains($"src=\"{root}resolve/{commit}/img/plot.png\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"https://tracker.example", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://tracker.example/p.gif\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
    }

    private static JsonElement Item(JsonElement body, string id) =>
        body.GetProperty("selectable_items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == id);
}
