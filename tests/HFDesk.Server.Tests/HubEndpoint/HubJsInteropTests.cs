using HFDesk.Core.Tests.Interop;
using HFDesk.HubEmulator;

namespace HFDesk.Server.Tests.HubEndpoint;

/// <summary>
/// The official @huggingface/hub client with <c>hubUrl</c> at HFDesk's /hub (tests/interop/check-hfdesk-hub.mjs):
/// it lists, downloads single files and whole snapshots from a cache HFDesk wrote, one @huggingface/hub wrote, and a
/// flat localDir download, and every file it gets is sha256-identical to the emulator's.
/// </summary>
public sealed class HubJsInteropTests(HubEndpointFixture fixture) : IClassFixture<HubEndpointFixture>
{
    private const string JsWrittenRepo = "emulator/js-written";

    [Fact(Timeout = 600_000)]
    public async Task OfficialJsClient_ReadsEveryKindOfLocalCopyThroughHub_Sha256Identical()
    {
        var ct = TestContext.Current.CancellationToken;
        await NodeInterop.RequireNodeAsync(ct);
        var jsRepo = fixture.Emulator.Repos.Add(RepoFixture.Model(JsWrittenRepo)
            .WithFile(".gitattributes", "*.bin filter=lfs diff=lfs merge=lfs -text\n")
            .WithFile("config.json", "{\"written_by\":\"@huggingface/hub\"}\n")
            .WithFile("weights/model.bin", 300_000, lfs: true)
            .WithTags("emulator"));
        var written = await NodeInterop.RunScriptAsync(
            "check-hfdesk-cache.mjs",
            ["write", fixture.Emulator.Endpoint.GetLeftPart(UriPartial.Authority), fixture.HubDir, HubEmulatorTokens.Valid, "model", JsWrittenRepo],
            TimeSpan.FromMinutes(5),
            ct);
        Assert.True(written.ExitCode == 0, written.Describe());

        fixture.Emulator.Requests.Clear();
        var outCache = Path.Combine(fixture.Root, "js-client-cache");
        var repos = new (string Type, RepoFixture Repo)[]
        {
            ("model", fixture.Emulator.Repos.Get(StandardFixtures.TransformersRepo)),
            ("model", fixture.Emulator.Repos.Get(StandardFixtures.GgufRepo)),
            ("dataset", fixture.Emulator.Repos.Get(RepoKind.Dataset, StandardFixtures.ParquetDataset)),
            ("model", fixture.Emulator.Repos.Get(HubEndpointFixture.FlatRepo)),
            ("model", jsRepo),
        };
        var result = await NodeInterop.RunScriptAsync(
            "check-hfdesk-hub.mjs",
            [fixture.HubUrl.AbsoluteUri.TrimEnd('/'), HubEndpointFixture.LanToken, outCache, .. repos.Select(r => $"{r.Type}:{r.Repo.Id}")],
            TimeSpan.FromMinutes(8),
            ct);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("interop: all checks passed", result.StandardOutput, StringComparison.Ordinal);
        var got = result.StandardOutput.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith("file ", StringComparison.Ordinal))
            .Select(l => l.Split(' '))
            .ToDictionary(p => (p[2], p[3]), p => p[4]);
        foreach (var (_, repo) in repos)
        {
            foreach (var file in repo.Files)
            {
                Assert.True(got.TryGetValue((repo.Id, file.Path), out var sha256), $"{repo.Id}/{file.Path} was not downloaded through /hub");
                Assert.True(sha256 == file.Sha256, $"{repo.Id}/{file.Path}: bytes through /hub differ from the emulator's");
            }
        }

        // Offline mode: every answer came from HFDesk's disk, none from the emulator.
        Assert.Empty(fixture.Emulator.Requests.Snapshot());
    }
}
