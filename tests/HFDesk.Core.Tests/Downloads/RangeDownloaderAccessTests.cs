using HFDesk.Core.Hub;
using HFDesk.HubEmulator;
using static HFDesk.Core.Tests.Downloads.TransferTestBed;

namespace HFDesk.Core.Tests.Downloads;

/// <summary>401/403/404 end a transfer at once (no retries) with a message that says what to do.</summary>
public sealed class RangeDownloaderAccessTests
{
    [Fact(Timeout = 60_000)]
    public async Task GatedFile_NoToken_FailsFastAskingForTokenAndTerms()
    {
        await using var bed = await StartAsync(r => r.WithFile("model.safetensors", 1 * MiB).Gated(), "engine/gated", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<HubException>(() => bed.DownloadAsync(bed.Request("model.safetensors")));

        Assert.Equal(HubErrorKind.Gated, error.Kind);
        Assert.Contains("no token", error.Message, StringComparison.Ordinal);
        Assert.Contains("engine/gated", error.Message, StringComparison.Ordinal);
        Assert.Single(bed.Emulator.Requests.Snapshot());
    }

    [Fact(Timeout = 60_000)]
    public async Task GatedFile_TokenNotGranted_FailsFastSayingTermsNotAccepted()
    {
        await using var bed = await StartAsync(r => r.WithFile("model.safetensors", 1 * MiB).Gated(), "engine/gated", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<HubException>(() => bed.DownloadAsync(bed.Request("model.safetensors", HubEmulatorTokens.NotGranted)));

        Assert.Equal(HubErrorKind.Gated, error.Kind);
        Assert.Equal(403, error.StatusCode);
        Assert.Contains("not accepted", error.Message, StringComparison.Ordinal);
        Assert.Single(bed.Emulator.Requests.Snapshot());
    }

    [Fact(Timeout = 60_000)]
    public async Task PrivateFile_NoToken_FailsFastSuggestingAToken()
    {
        await using var bed = await StartAsync(r => r.WithFile("model.safetensors", 1 * MiB).Private(), "engine/private", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<HubException>(() => bed.DownloadAsync(bed.Request("model.safetensors")));

        Assert.Equal(HubErrorKind.NotFound, error.Kind);
        Assert.Contains("set a token", error.Message, StringComparison.Ordinal);
        Assert.Single(bed.Emulator.Requests.Snapshot());
    }

    [Fact(Timeout = 60_000)]
    public async Task PrivateFile_TokenOfAnotherUser_FailsFastAsNotFound()
    {
        await using var bed = await StartAsync(r => r.WithFile("model.safetensors", 1 * MiB).Private(), "engine/private", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<HubException>(() => bed.DownloadAsync(bed.Request("model.safetensors", HubEmulatorTokens.OtherUser)));

        Assert.Equal(HubErrorKind.NotFound, error.Kind);
        Assert.Contains("token has no access", error.Message, StringComparison.Ordinal);
        Assert.Single(bed.Emulator.Requests.Snapshot());
    }

    [Fact(Timeout = 60_000)]
    public async Task MissingFile_FailsFastAsEntryNotFound()
    {
        await using var bed = await StartAsync(r => r.WithFile("config.json", "{}"), TestContext.Current.CancellationToken);
        var request = bed.Request("config.json") with { Source = bed.Emulator.ResolveUrl(bed.Repo, "missing.bin") };

        var error = await Assert.ThrowsAsync<HubException>(() => bed.DownloadAsync(request));

        Assert.Equal(HubErrorKind.EntryNotFound, error.Kind);
        Assert.Single(bed.Emulator.Requests.Snapshot());
        Assert.False(File.Exists(request.TempPath), "no preallocated file is left after a failure before the first byte");
    }

    [Fact(Timeout = 60_000)]
    public async Task MissingFile_WithContext_NamesFileRepoAndRevision()
    {
        await using var bed = await StartAsync(r => r.WithFile("config.json", "{}"), TestContext.Current.CancellationToken);
        var request = bed.Request("config.json") with
        {
            Source = bed.Emulator.ResolveUrl(bed.Repo, "missing.bin"),
            Context = new HubCallContext(RepoId.Parse(bed.Repo.Id), RepoType.Model, "main", "missing.bin"),
        };

        var error = await Assert.ThrowsAsync<HubException>(() => bed.DownloadAsync(request));

        Assert.Equal(HubErrorKind.EntryNotFound, error.Kind);
        Assert.Equal("File 'missing.bin' was not found in model " + bed.Repo.Id + " at revision 'main'.", error.Message);
    }

    [Fact(Timeout = 60_000)]
    public async Task ServerErrors_AfterRetries_SayTheyGaveUp()
    {
        await using var bed = await StartAsync(r => r.WithFile("model.safetensors", 1 * MiB), TestContext.Current.CancellationToken);
        bed.Emulator.Faults.ServerError(times: 10, statusCode: 503);

        var error = await Assert.ThrowsAsync<HubException>(() => bed.DownloadAsync(bed.Request("model.safetensors"), FastOptions with { Retries = 1 }));

        Assert.Equal(HubErrorKind.Upstream, error.Kind);
        Assert.Equal(503, error.StatusCode);
        Assert.EndsWith("Gave up after 1 retries.", error.Message, StringComparison.Ordinal);
    }
}
