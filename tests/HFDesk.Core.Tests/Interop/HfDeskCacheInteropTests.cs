using System.Text.Json;
using HFDesk.Core.Jobs.Execution;
using HFDesk.Core.Planning;
using HFDesk.Core.Storage;
using HFDesk.Core.Tests.Execution;
using HFDesk.HubEmulator;

namespace HFDesk.Core.Tests.Interop;

/// <summary>
/// Caches written by HFDesk, read by the official @huggingface/hub client, and the other way round
/// (tests/interop/check-hfdesk-cache.mjs).
/// </summary>
public sealed class HfDeskCacheInteropTests
{
    [Theory(Timeout = 600_000)]
    [InlineData(nameof(LinkMode.Auto))]
    [InlineData(nameof(LinkMode.Copy))]
    public async Task HfDeskWrittenCache_ScannedByOfficialJsClient_NoWarningsAndRightFiles(string linkModeName)
    {
        var linkMode = Enum.Parse<LinkMode>(linkModeName);
        var ct = TestContext.Current.CancellationToken;
        await NodeInterop.RequireNodeAsync(ct);
        await using var h = await RunnerHarness.StartAsync();
        var destination = h.Cache(linkMode);
        var expected = new List<object>();
        foreach (var (repo, filter, revision) in new[]
        {
            (StandardFixtures.TransformersRepo, FilterSpec.All, "main"),
            (StandardFixtures.GgufRepo, new FilterSpec(["BF16", "Q4_K_M"]), "main"),
            (StandardFixtures.RefsRepo, FilterSpec.All, "refs/pr/1"),
            (StandardFixtures.RefsRepo, FilterSpec.All, "main"),
        })
        {
            var plan = await h.PlanAsync(repo, destination, filter, revision: revision);
            await h.RunAsync(plan, destination);

            // JS's scanner reads only top-level ref files: refs/pr/1 (stored as refs/refs/pr/1) is no ref to it.
            expected.Add(new
            {
                type = "model",
                name = repo,
                commit = plan.Commit,
                @ref = revision == "main" ? "main" : null,
                files = plan.Files.Select(f => new { path = f.Path, size = f.Size }).ToList(),
            });
        }

        var expectedPath = Path.Combine(h.Dir.Path, "expected.json");
        await File.WriteAllTextAsync(expectedPath, JsonSerializer.Serialize(expected), ct);

        var result = await NodeInterop.RunScriptAsync("check-hfdesk-cache.mjs", ["scan", h.HubDir, expectedPath], TimeSpan.FromMinutes(5), ct);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("interop: ok", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact(Timeout = 600_000)]
    public async Task JsWrittenCache_PlannedByHfDesk_EverythingPresentAndNothingFetched()
    {
        var ct = TestContext.Current.CancellationToken;
        await NodeInterop.RequireNodeAsync(ct);
        await using var h = await RunnerHarness.StartAsync();
        var write = await NodeInterop.RunScriptAsync(
            "check-hfdesk-cache.mjs",
            ["write", h.Emulator.Endpoint.GetLeftPart(UriPartial.Authority), h.HubDir, HubEmulatorTokens.Valid, "model", StandardFixtures.TransformersRepo],
            TimeSpan.FromMinutes(5),
            ct);
        Assert.True(write.ExitCode == 0, write.Describe());
        var destination = h.Cache();

        var plan = await h.PlanAsync(StandardFixtures.TransformersRepo, destination);
        var run = RepoDownloadRun.Open(plan, destination);
        Assert.All(plan.Files, f => Assert.True(run.IsPresent(f), $"{f.Path} written by @huggingface/hub is not seen as present"));
        Assert.Equal(0, run.BytesToDownload);

        h.Emulator.Requests.Clear();
        var result = await h.RunAsync(plan, destination);

        Assert.Equal(0, result.BytesFetched);
        Assert.DoesNotContain(h.Emulator.Requests.Snapshot(), r => r.Origin == RequestOrigin.Cdn || r.Path.Contains("/resolve/", StringComparison.Ordinal));
        Assert.Equal(plan.Commit, await File.ReadAllTextAsync(Path.Combine(h.HubDir, "models--emulator--tiny-transformers", "refs", "main"), ct));
    }
}
