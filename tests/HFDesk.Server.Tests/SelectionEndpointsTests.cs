using System.Net;
using System.Text.Json;
using HFDesk.HubEmulator;

namespace HFDesk.Server.Tests;

/// <summary>Issue 15 items 4 and 7: item ids expanded server-side, filters that match nothing refused, job versions.</summary>
public sealed class SelectionEndpointsTests
{
    private const int Timeout = 60_000;

    [Fact(Timeout = Timeout)]
    public async Task Plan_ItemIds_ExpandExactlyLikeTheRecommendation()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await JobsTestServer.StartAsync(emulator);

        var analysis = await server.GetJsonAsync($"/api/analyze/{StandardFixtures.GgufRepo}");
        var recommendedIds = analysis.GetProperty("selectable_items").EnumerateArray()
            .Where(i => i.GetProperty("recommended").GetBoolean()).Select(i => i.GetProperty("id").GetString()!).ToArray();
        var byItems = await PlanFilesAsync(server, new { repo = StandardFixtures.GgufRepo, items = recommendedIds });
        var byRecommendation = await PlanFilesAsync(server, analysis.GetProperty("recommended_download"));
        var q8 = await PlanFilesAsync(server, new { repo = StandardFixtures.GgufRepo, items = new[] { "q8_0" } });
        var bf16 = await PlanFilesAsync(server, new { repo = StandardFixtures.GgufRepo, items = new[] { "bf16", "mmproj-f32" } });

        Assert.Equal(byRecommendation, byItems);
        Assert.Equal(["README.md", "Tiny-Llama-Q8_0.gguf"], q8);
        Assert.Equal(["BF16/Tiny-Llama-BF16-00001-of-00003.gguf", "BF16/Tiny-Llama-BF16-00002-of-00003.gguf", "BF16/Tiny-Llama-BF16-00003-of-00003.gguf", "README.md", "mmproj-F32.gguf"], bf16);
    }

    [Fact(Timeout = Timeout)]
    public async Task PlanAndDownload_UnknownItemOrFilterMatchingNothing_400ListingWhatExists_NoJob()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await JobsTestServer.StartAsync(emulator);

        using var unknownItem = await server.PostJsonAsync("/api/plan", new { repo = StandardFixtures.GgufRepo, items = new[] { "q9_k" } });
        var itemError = await RunningServer.AssertEnvelopeAsync(unknownItem, 400, "bad_request");
        Assert.Contains("'q9_k'", itemError.GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Contains("q4_k_m (recommended)", itemError.GetProperty("details").GetString(), StringComparison.Ordinal);

        using var planMiss = await server.PostJsonAsync("/api/plan", new { repo = StandardFixtures.GgufRepo, filters = new[] { "q9_k" } });
        var planError = await RunningServer.AssertEnvelopeAsync(planMiss, 400, "bad_request");
        Assert.Contains("available quantizations: BF16, IQ4_XS, Q2_K", planError.GetProperty("details").GetString(), StringComparison.Ordinal);

        using var downloadMiss = await server.PostJsonAsync("/api/download", new { repo = StandardFixtures.GgufRepo + ":q9_k" });
        var downloadError = await RunningServer.AssertEnvelopeAsync(downloadMiss, 400, "bad_request");
        Assert.Contains("Q4_K_M", downloadError.GetProperty("details").GetString(), StringComparison.Ordinal);

        using var both = await server.PostJsonAsync("/api/download", new { repo = StandardFixtures.GgufRepo, items = new[] { "q8_0" }, filters = new[] { "q8_0" } });
        await RunningServer.AssertEnvelopeAsync(both, 400, "bad_request");

        Assert.Equal(0, (await server.GetJsonAsync("/api/jobs")).GetProperty("count").GetInt32());
    }

    [Fact(Timeout = Timeout)]
    public async Task Download_ItemIds_JobCarriesTheExpandedFilterAndRisingVersions()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await JobsTestServer.StartAsync(emulator);

        var id = await server.StartDownloadAsync(new { repo = StandardFixtures.GgufRepo, items = new[] { "q2_k" } });
        var first = await server.GetJsonAsync($"/api/jobs/{id}");
        var done = await server.WaitForStatusAsync(id, "completed");
        var later = await server.GetJsonAsync($"/api/jobs/{id}");

        Assert.Equal(["q2_k"], first.GetProperty("filters").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(["README.md", "Tiny-Llama-Q2_K.gguf"], done.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()).Order(StringComparer.Ordinal));
        Assert.True(first.GetProperty("version").GetInt64() > 0);
        Assert.True(later.GetProperty("version").GetInt64() > first.GetProperty("version").GetInt64());
    }

    private static async Task<List<string>> PlanFilesAsync(JobsTestServer server, object body)
    {
        using var response = await server.PostJsonAsync("/api/plan", body);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var plan = JsonSerializer.Deserialize<JsonElement>(text);
        return [.. plan.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()!).Order(StringComparer.Ordinal)];
    }
}
