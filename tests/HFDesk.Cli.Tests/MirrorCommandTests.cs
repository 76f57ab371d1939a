using System.Security.Cryptography;
using System.Text.Json;
using Spectre.Console.Cli.Testing;

namespace HFDesk.Cli.Tests;

/// <summary><c>hfdesk mirror targets|add|remove|diff|push|pull</c> on real folders, through the real command tree.</summary>
public sealed class MirrorCommandTests : IDisposable
{
    private static readonly byte[] Config = """{"model_type":"llama"}"""u8.ToArray();
    private readonly MirrorCliCaches _caches = new();
    private readonly byte[] _weights = MirrorCliCaches.Bytes(300_000, 3);

    public void Dispose() => _caches.Dispose();

    [Fact]
    public async Task AddTargetsRemove_RoundTrip_ErrorsHaveTheirExitCodes_FilesNeverTouched()
    {
        var marker = Path.Combine(_caches.TargetDir, "keep.txt");
        await File.WriteAllTextAsync(marker, "mine", TestContext.Current.CancellationToken);

        var added = await RunAsync("mirror", "add", "nas", _caches.TargetDir, "--description", "the NAS");
        Assert.Equal(0, added.ExitCode);
        Assert.Contains("nas", added.Output, StringComparison.Ordinal);

        var listed = await RunAsync("mirror", "targets", "--json");
        Assert.Equal(0, listed.ExitCode);
        var target = Assert.Single(JsonDocument.Parse(listed.Output).RootElement.GetProperty("targets").EnumerateArray());
        Assert.Equal("nas", target.GetProperty("name").GetString());
        Assert.Equal(_caches.TargetDir, target.GetProperty("path").GetString());
        Assert.Equal("the NAS", target.GetProperty("description").GetString());
        Assert.True(target.GetProperty("exists").GetBoolean());
        Assert.True(target.GetProperty("writable").GetBoolean());
        Assert.True(target.GetProperty("free").GetInt64() > 0);

        var table = await RunAsync("mirror", "targets");
        Assert.Contains(_caches.TargetDir, table.Output, StringComparison.Ordinal);
        Assert.Contains("ok", table.Output, StringComparison.Ordinal);

        Assert.Equal(1, (await RunAsync("mirror", "add", "NAS", Path.Combine(_caches.Root, "other"))).ExitCode);
        Assert.Equal(2, (await RunAsync("mirror", "add", "bad/name", Path.Combine(_caches.Root, "other"))).ExitCode);
        Assert.Equal(2, (await RunAsync("mirror", "add", "inside", Path.Combine(_caches.HubDir, "x"))).ExitCode);
        Assert.Equal(2, (await RunAsync("mirror", "add", "relative", "some/folder")).ExitCode);

        var removed = await RunAsync("mirror", "remove", "nas");
        Assert.Equal(0, removed.ExitCode);
        Assert.Equal(1, (await RunAsync("mirror", "remove", "nas")).ExitCode);
        Assert.Empty(JsonDocument.Parse((await RunAsync("mirror", "targets", "--json")).Output).RootElement.GetProperty("targets").EnumerateArray());
        Assert.Equal("mine", await File.ReadAllTextAsync(marker, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Diff_TableAndJson_ShowEachRepoState()
    {
        MirrorCliCaches.AddRepo(_caches.HubDir, "acme/both", ("config.json", Config, false));
        MirrorCliCaches.AddRepo(_caches.TargetHub, "acme/both", ("config.json", Config, false));
        MirrorCliCaches.AddRepo(_caches.HubDir, "acme/local-only", ("w.bin", _weights, true));
        MirrorCliCaches.AddRepo(_caches.TargetHub, "acme/nas-only", ("config.json", Config, false));
        await AddTargetAsync();

        var table = await RunAsync("mirror", "diff", "nas");

        Assert.Equal(0, table.ExitCode);
        Assert.Matches(@"acme/both\s.*same", table.Output);
        Assert.Matches(@"acme/local-only\s.*missing\s.*1 files", table.Output);
        Assert.Matches(@"acme/nas-only\s.*extra", table.Output);
        Assert.Contains("1 missing, 1 extra, 0 outdated, 1 same", table.Output, StringComparison.Ordinal);

        var json = JsonDocument.Parse((await RunAsync("mirror", "diff", "nas", "--json", "--repo", "only")).Output).RootElement;
        var repos = json.GetProperty("repos").EnumerateArray().ToDictionary(r => r.GetProperty("repo").GetString()!, r => r);
        Assert.Equal(["acme/local-only", "acme/nas-only"], repos.Keys.Order());
        Assert.Equal("missing", repos["acme/local-only"].GetProperty("state").GetString());
        Assert.Equal(_weights.Length, repos["acme/local-only"].GetProperty("bytesToPush").GetInt64());
        Assert.Equal(Config.Length, repos["acme/nas-only"].GetProperty("bytesToPull").GetInt64());

        Assert.Equal(2, (await RunAsync("mirror", "diff", "nas", "--repo", "../etc")).ExitCode);
        Assert.Equal(1, (await RunAsync("mirror", "diff", "nowhere")).ExitCode);
    }

    [Fact]
    public async Task DryRun_PrintsThePlan_AndChangesNothing()
    {
        MirrorCliCaches.AddRepo(_caches.HubDir, "acme/tiny", ("config.json", Config, false), ("w.bin", _weights, true));
        MirrorCliCaches.AddRepo(_caches.TargetHub, "acme/stale", ("config.json", Config, false));
        await AddTargetAsync();
        var before = Describe(_caches.Root);

        var table = await RunAsync("mirror", "push", "nas", "--dry-run", "--delete-extra");
        var json = await RunAsync("mirror", "push", "nas", "--dry-run", "--delete-extra", "--json");

        Assert.Equal(0, table.ExitCode);
        Assert.Matches(@"copy\s.*acme/tiny\s.*2\s", table.Output);
        Assert.Matches(@"delete\s.*acme/stale", table.Output);
        Assert.Contains("nothing was changed", table.Output, StringComparison.Ordinal);
        var plan = JsonDocument.Parse(json.Output).RootElement;
        Assert.True(plan.GetProperty("dryRun").GetBoolean());
        Assert.Equal(2, plan.GetProperty("totalFiles").GetInt32());
        Assert.Equal(Config.Length + _weights.Length, plan.GetProperty("totalBytes").GetInt64());
        Assert.Equal("acme/stale", Assert.Single(plan.GetProperty("deletions").EnumerateArray()).GetProperty("repo").GetString());
        Assert.Equal(before, Describe(_caches.Root));
    }

    [Fact]
    public async Task PushThenPull_Json_ProgressLinesThenFinal_RoundTripIsBitIdentical()
    {
        MirrorCliCaches.AddRepo(_caches.HubDir, "acme/tiny", ("config.json", Config, false), ("w.bin", _weights, true));
        MirrorCliCaches.AddRepo(_caches.HubDir, "acme/other", ("README.md", "# other"u8.ToArray(), false));
        await AddTargetAsync();
        var original = Describe(_caches.HubDir);

        var push = await RunAsync("mirror", "push", "nas", "--json", "--verify");

        Assert.Equal(0, push.ExitCode);
        var lines = push.Output.Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(lines[..^1], l => Assert.Equal("mirror_progress", l.GetProperty("type").GetString()));
        var first = lines[0].GetProperty("operation").GetProperty("progress");
        Assert.Equal(3, first.GetProperty("filesTotal").GetInt32());
        Assert.Equal(Config.Length + _weights.Length + 7, first.GetProperty("bytesTotal").GetInt64());
        var final = lines[^1];
        Assert.Equal("mirror_finished", final.GetProperty("type").GetString());
        Assert.Equal("completed", final.GetProperty("operation").GetProperty("status").GetString());
        Assert.Equal("push", final.GetProperty("operation").GetProperty("kind").GetString());
        Assert.Equal(3, final.GetProperty("operation").GetProperty("copied").GetInt32());
        var done = lines.Select(l => l.GetProperty("operation").GetProperty("progress").GetProperty("bytesDone").GetInt64()).ToList();
        Assert.Equal(done.Order(), done);

        Directory.Delete(_caches.HubDir, recursive: true);
        var pull = await RunAsync("mirror", "pull", "nas");

        Assert.Equal(0, pull.ExitCode);
        Assert.Contains("completed: 3 files copied", pull.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d ?(KiB|MiB|GiB)\b", pull.Output);
        var restored = Describe(_caches.HubDir);
        restored.Remove("CACHEDIR.TAG");
        original.Remove("CACHEDIR.TAG");
        Assert.Equal(original, restored);

        var again = await RunAsync("mirror", "push", "nas", "--json");
        var noop = JsonDocument.Parse(again.Output.Trim().Split('\n')[^1]).RootElement.GetProperty("operation");
        Assert.Equal(0, noop.GetProperty("copied").GetInt32());
    }

    [Fact]
    public async Task Push_LockedTarget_Exits1_UnknownTarget_Exits1_BadSpeed_Exits2()
    {
        MirrorCliCaches.AddRepo(_caches.HubDir, "acme/tiny", ("config.json", Config, false));
        await AddTargetAsync();
        // Another machine's fresh lock on the share.
        await File.WriteAllTextAsync(
            Path.Combine(_caches.TargetDir, ".hfdesk-mirror.lock"),
            """{"id":"other","host":"nas-peer","processId":4242,"kind":"push","startedAt":"2026-01-01T00:00:00Z"}""",
            TestContext.Current.CancellationToken);

        var locked = await RunAsync("mirror", "push", "nas");

        Assert.Equal(1, locked.ExitCode);
        Assert.Contains("in use: nas-peer (process 4242) is running a mirror push", locked.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_caches.TargetHub));
        Assert.Equal(1, (await RunAsync("mirror", "push", "nowhere")).ExitCode);
        Assert.Equal(2, (await RunAsync("mirror", "push", "nas", "--max-speed", "fast")).ExitCode);
    }

    private async Task AddTargetAsync() =>
        Assert.Equal(0, (await RunAsync("mirror", "add", "nas", _caches.TargetDir)).ExitCode);

    private Task<CommandAppResult> RunAsync(params string[] args) =>
        CliTestApp.Create().RunAsync(_caches.Args(args), TestContext.Current.CancellationToken);

    /// <summary>Every file and link below <paramref name="root"/>: relative path → link target or content hash.</summary>
    private static SortedDictionary<string, string> Describe(string root)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var relative = Path.GetRelativePath(root, entry.FullName).Replace('\\', '/');
            result[relative] = entry.LinkTarget is { } link ? "-> " + link.Replace('\\', '/')
                : entry is FileInfo file ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file.FullName)))
                : "dir";
        }

        return result;
    }
}
