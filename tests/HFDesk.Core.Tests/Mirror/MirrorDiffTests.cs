using System.Text;
using HFDesk.Core.Mirror;
using B = HFDesk.Core.Tests.Mirror.MirrorCacheBuilder;

namespace HFDesk.Core.Tests.Mirror;

public sealed class MirrorDiffTests
{
    private static readonly byte[] Config = Encoding.UTF8.GetBytes("{\"model_type\":\"llama\"}");

    [Fact]
    public async Task Diff_EachState_IsJudgedPerFileWithBytesBothWays()
    {
        using var h = await MirrorHarness.CreateAsync(new FixedRepoActivity("acme/busy"));
        var weights = B.Bytes(100_000, 1);
        var c1 = B.CommitOf("c1");
        var c2 = B.CommitOf("c2");

        B.AddSnapshot(h.HubDir, "acme/missing", c1, [("config.json", Config, false), ("w.bin", weights, true)]);
        B.AddSnapshot(h.TargetHub, "acme/extra", c1, [("config.json", Config, false)]);
        B.AddSnapshot(h.HubDir, "acme/same", c1, [("config.json", Config, false), ("sub/dir/w.bin", weights, true)]);
        B.AddSnapshot(h.TargetHub, "acme/same", c1, [("config.json", Config, false), ("sub/dir/w.bin", weights, true)]);

        // A new revision on one side: main moved to c2 in H, which shares config.json's blob with c1.
        B.AddSnapshot(h.HubDir, "acme/newrev", c1, [("config.json", Config, false)]);
        B.AddSnapshot(h.HubDir, "acme/newrev", c2, [("config.json", Config, false), ("w.bin", weights, true)]);
        B.AddSnapshot(h.TargetHub, "acme/newrev", c1, [("config.json", Config, false)]);

        // Same commit, same path, but the target's blob has another size (a truncated copy).
        B.AddSnapshot(h.HubDir, "acme/size", c1, [("w.bin", weights, true)]);
        B.AddSnapshot(h.TargetHub, "acme/size", c1, [("w.bin", weights, true)]);
        var targetBlob = Path.Combine(B.RepoDir(h.TargetHub, "acme/size"), "blobs", B.BlobName(weights, true));
        File.WriteAllBytes(targetBlob, weights[..5000]);

        // H written without symlinks (real files in snapshots/): equal to the linked copy on the target.
        B.AddSnapshot(h.HubDir, "acme/degraded", c1, [("config.json", Config, false), ("w.bin", weights, true)], symlinks: false);
        B.AddSnapshot(h.TargetHub, "acme/degraded", c1, [("config.json", Config, false), ("w.bin", weights, true)]);

        B.AddSnapshot(h.HubDir, "acme/busy", c1, [("config.json", Config, false)]);

        var diff = h.Diff();
        var byRepo = diff.Repos.ToDictionary(r => r.Repo);

        Assert.Equal(MirrorRepoState.Missing, byRepo["acme/missing"].State);
        Assert.Equal((2, Config.Length + 100_000L), (byRepo["acme/missing"].FilesToPush, byRepo["acme/missing"].BytesToPush));
        Assert.Equal(MirrorRepoState.Extra, byRepo["acme/extra"].State);
        Assert.Equal((1, (long)Config.Length), (byRepo["acme/extra"].FilesToPull, byRepo["acme/extra"].BytesToPull));
        Assert.Equal(MirrorRepoState.Same, byRepo["acme/same"].State);
        Assert.Equal(0, byRepo["acme/same"].FilesToPush + byRepo["acme/same"].FilesToPull);

        var newrev = byRepo["acme/newrev"];
        Assert.Equal(MirrorRepoState.Outdated, newrev.State);
        Assert.Equal(c2, newrev.LocalRefs["main"]);
        Assert.Equal(c1, newrev.TargetRefs["main"]);
        // Only the blob the target lacks travels: config.json's is already there under c1.
        Assert.Equal((1, 100_000L), (newrev.FilesToPush, newrev.BytesToPush));
        Assert.Equal(0, newrev.FilesToPull);

        Assert.Equal(MirrorRepoState.Outdated, byRepo["acme/size"].State);
        Assert.Equal((1, 100_000L), (byRepo["acme/size"].FilesToPush, byRepo["acme/size"].BytesToPush));
        Assert.Equal(MirrorRepoState.Same, byRepo["acme/degraded"].State);
        Assert.True(byRepo["acme/busy"].Busy);
        Assert.False(byRepo["acme/missing"].Busy);
        Assert.Equal(2, diff.Count(MirrorRepoState.Missing));
    }

    [Fact]
    public async Task Diff_RepoFilter_CaseInsensitiveSubstringOrWildcard()
    {
        using var h = await MirrorHarness.CreateAsync();
        foreach (var repo in new[] { "Qwen/Qwen3-8B", "acme/qwen-tiny", "acme/other" })
        {
            B.AddSnapshot(h.HubDir, repo, B.CommitOf(repo), [("config.json", Config, false)]);
        }

        Assert.Equal(["Qwen/Qwen3-8B", "acme/qwen-tiny"], h.Diff("QWEN").Repos.Select(r => r.Repo).Order(StringComparer.Ordinal));
        Assert.Equal(["acme/other", "acme/qwen-tiny"], h.Diff("acme/*").Repos.Select(r => r.Repo).Order(StringComparer.Ordinal));
        Assert.Equal(["Qwen/Qwen3-8B"], h.Diff("*/qwen3*").Repos.Select(r => r.Repo));
        foreach (var bad in new[] { "..", "../acme", "a/b/c", "a\\b", "a\nb", "acme/%2e%2e" })
        {
            Assert.Equal(MirrorOutcome.Invalid, h.Engine.Diff("nas", bad, TestContext.Current.CancellationToken).Outcome);
        }
    }

    [Fact]
    public async Task Reader_LinkOutOfItsRepoFolder_IsNeverFollowedNorCopied()
    {
        using var h = await MirrorHarness.CreateAsync();
        var c1 = B.CommitOf("c1");
        B.AddSnapshot(h.HubDir, "acme/evil", c1, [("config.json", Config, false)]);
        var secret = Path.Combine(h.Root, "secret.txt");
        File.WriteAllText(secret, "not for the NAS");
        var snapshot = Path.Combine(B.RepoDir(h.HubDir, "acme/evil"), "snapshots", c1);
        File.CreateSymbolicLink(Path.Combine(snapshot, "escape.txt"), Path.GetRelativePath(snapshot, secret));
        // Another repo's blob is out of this repo's folder too.
        B.AddSnapshot(h.HubDir, "acme/other", c1, [("x.json", Encoding.UTF8.GetBytes("{}"), false)]);
        var otherBlob = Directory.GetFiles(Path.Combine(B.RepoDir(h.HubDir, "acme/other"), "blobs")).Single();
        File.CreateSymbolicLink(Path.Combine(snapshot, "borrowed.json"), Path.GetRelativePath(snapshot, otherBlob));

        var result = await h.PushAsync();

        Assert.Equal(MirrorOperationStatus.Completed, result.Status);
        var pushed = Path.Combine(B.RepoDir(h.TargetHub, "acme/evil"), "snapshots", c1);
        Assert.True(File.Exists(Path.Combine(pushed, "config.json")));
        Assert.False(File.Exists(Path.Combine(pushed, "escape.txt")));
        Assert.False(File.Exists(Path.Combine(pushed, "borrowed.json")));
        Assert.DoesNotContain(B.Describe(h.TargetHub).Values, v => v == Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(secret))));
    }
}
