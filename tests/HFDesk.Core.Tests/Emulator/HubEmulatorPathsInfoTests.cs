using System.Net.Http.Json;
using System.Text.Json;
using HFDesk.HubEmulator;

namespace HFDesk.Core.Tests.Emulator;

public sealed class HubEmulatorPathsInfoTests
{
    [Fact(Timeout = 60_000)]
    public async Task PathsInfo_JsonBody_ReturnsRequestedEntriesWithLastCommit()
    {
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(host);
        var repo = host.Repos.Get(StandardFixtures.TransformersRepo);

        using var response = await client.PostAsJsonAsync($"api/models/{repo.Id}/paths-info/main", new { paths = new[] { "config.json", "missing.txt", "onnx" }, expand = true }, TestContext.Current.CancellationToken);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var entries = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal("config.json", entries[0].GetProperty("path").GetString());
        Assert.Equal(repo.File("config.json").GitOid, entries[0].GetProperty("oid").GetString());
        Assert.Equal(repo.Commit, entries[0].GetProperty("lastCommit").GetProperty("id").GetString());
        Assert.Equal("directory", entries[1].GetProperty("type").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task PathsInfo_FormBodyWithEncodedPrRevision_ReturnsThatRevisionsEntries()
    {
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(host);
        var repo = host.Repos.Get(StandardFixtures.RefsRepo);
        var pr = repo.Resolve("refs/pr/1")!;

        using var form = new FormUrlEncodedContent([new("paths", "README.md"), new("paths", "model.safetensors"), new("expand", "false")]);
        using var response = await client.PostAsync($"api/models/{repo.Id}/paths-info/refs%2Fpr%2F1", form, TestContext.Current.CancellationToken);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var entries = doc.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("path").GetString()!);
        Assert.Equal(pr.Files["README.md"].GitOid, entries["README.md"].GetProperty("oid").GetString());
        Assert.NotEqual(repo.File("README.md").GitOid, pr.Files["README.md"].GitOid);
        Assert.Equal(pr.Files["model.safetensors"].Sha256, entries["model.safetensors"].GetProperty("lfs").GetProperty("oid").GetString());
        Assert.False(entries["README.md"].TryGetProperty("lastCommit", out _));
    }
}
