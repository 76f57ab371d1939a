using System.Text;
using HFDesk.Core.Mirror;
using B = HFDesk.Core.Tests.Mirror.MirrorCacheBuilder;

namespace HFDesk.Core.Tests.Mirror;

public sealed class MirrorRunTests
{
    private static readonly byte[] Config = Encoding.UTF8.GetBytes("{\"model_type\":\"llama\"}");

    [Fact]
    public async Task PushThenPull_IntoAnEmptyHub_RoundTripIsBitIdentical()
    {
        using var h = await MirrorHarness.CreateAsync();
        var weights = B.Bytes(3_000_000, 1);
        var c1 = B.CommitOf("c1");
        var c2 = B.CommitOf("c2");
        B.AddSnapshot(h.HubDir, "acme/tiny", c1, [("config.json", Config, false), ("w.bin", weights, true)], refName: null);
        B.AddSnapshot(h.HubDir, "acme/tiny", c2, [("config.json", Config, false), ("w.bin", weights, true), ("sub/dir/t.json", Encoding.UTF8.GetBytes("[1]"), false)]);
        Directory.CreateDirectory(Path.Combine(B.RepoDir(h.HubDir, "acme/tiny"), "refs", "refs", "pr"));
        File.WriteAllText(Path.Combine(B.RepoDir(h.HubDir, "acme/tiny"), "refs", "refs", "pr", "1"), c1);
        B.AddSnapshot(h.HubDir, "acme/data", c1, [("train.parquet", B.Bytes(200_000, 2), true)], type: "dataset");
        var original = B.Describe(h.HubDir);

        var pushed = await h.PushAsync(verify: true);

        Assert.Equal(MirrorOperationStatus.Completed, pushed.Status);
        Assert.Empty(pushed.Errors);
        // w.bin is shared by both revisions and travels once; config.json too.
        Assert.Equal(4, pushed.Copied);
        Assert.Equal(Config.Length + 3_000_000L + 3 + 200_000, pushed.CopiedBytes);
        Assert.Equal(original, B.Describe(h.TargetHub));
        Assert.All(h.Diff().Repos, r => Assert.Equal(MirrorRepoState.Same, r.State));

        Directory.Delete(h.HubDir, recursive: true);
        var pulled = await h.PullAsync(verify: true);

        Assert.Equal(MirrorOperationStatus.Completed, pulled.Status);
        Assert.Equal(original, B.Describe(h.HubDir));

        // Nothing left to do: a second push copies nothing.
        var again = await h.PushAsync();
        Assert.Equal(0, again.Copied);
        Assert.Equal(0, again.Progress.FilesTotal);
    }

    [Fact]
    public async Task Push_DestinationWithoutSymlinks_GetsRealFilesInSnapshots_AndReadsBackAsSame()
    {
        // The target's volume refuses links, as an exFAT drive or many SMB shares do; H's does not.
        string? noLinks = null;
        using var h = await MirrorHarness.CreateAsync(symlinks: dir => noLinks is null || !dir.StartsWith(noLinks, StringComparison.Ordinal));
        noLinks = h.TargetDir;
        var weights = B.Bytes(500_000, 3);
        var c1 = B.CommitOf("c1");
        B.AddSnapshot(h.HubDir, "acme/tiny", c1, [("config.json", Config, false), ("w.bin", weights, true), ("copy/w.bin", weights, true)]);

        var pushed = await h.PushAsync(verify: true);

        Assert.Equal(MirrorOperationStatus.Completed, pushed.Status);
        var snapshot = Path.Combine(B.RepoDir(h.TargetHub, "acme/tiny"), "snapshots", c1);
        foreach (var path in new[] { "config.json", "w.bin", Path.Combine("copy", "w.bin") })
        {
            var info = new FileInfo(Path.Combine(snapshot, path));
            Assert.Null(info.LinkTarget);
            Assert.True(info.Exists);
        }

        Assert.Equal(weights, File.ReadAllBytes(Path.Combine(snapshot, "w.bin")));
        Assert.Equal(c1, File.ReadAllText(Path.Combine(B.RepoDir(h.TargetHub, "acme/tiny"), "refs", "main")));
        Assert.Equal(MirrorRepoState.Same, h.DiffOf("acme/tiny").State);
    }

    [Fact]
    public async Task Verify_CorruptedSourceBlob_IsPublishedNowhereAndListed()
    {
        using var h = await MirrorHarness.CreateAsync();
        var weights = B.Bytes(400_000, 4);
        var c1 = B.CommitOf("c1");
        B.AddSnapshot(h.HubDir, "acme/tiny", c1, [("config.json", Config, false), ("w.bin", weights, true)]);
        var blob = Path.Combine(B.RepoDir(h.HubDir, "acme/tiny"), "blobs", B.BlobName(weights, true));
        var corrupted = (byte[])weights.Clone();
        corrupted[12345] ^= 0xFF;
        File.WriteAllBytes(blob, corrupted);

        var result = await h.PushAsync(verify: true);

        Assert.Equal(MirrorOperationStatus.Failed, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("acme/tiny", "w.bin"), (error.Repo, error.Path));
        var target = B.RepoDir(h.TargetHub, "acme/tiny");
        Assert.False(File.Exists(Path.Combine(target, "blobs", B.BlobName(weights, true))));
        Assert.False(File.Exists(Path.Combine(target, "snapshots", c1, "w.bin")));
        Assert.False(File.Exists(Path.Combine(target, "refs", "main")));
        Assert.DoesNotContain(Directory.EnumerateFiles(h.TargetHub, "*", SearchOption.AllDirectories), f => f.EndsWith(MirrorFileCopier.TempSuffix, StringComparison.Ordinal));
        // The good file did arrive, linked, so a rerun after fixing the source copies only the bad one.
        Assert.True(File.Exists(Path.Combine(target, "snapshots", c1, "config.json")));
    }

    [Fact]
    public async Task Cancel_MidFile_LeavesNoPartialUnderAFinalName_AndRerunCopiesOnlyWhatIsMissing()
    {
        var time = new SteppingTimeProvider();
        using var h = await MirrorHarness.CreateAsync(time: time);
        var big = B.Bytes(24 << 20, 5);
        var c1 = B.CommitOf("c1");
        B.AddSnapshot(h.HubDir, "acme/a-small", c1, [("config.json", Config, false)]);
        B.AddSnapshot(h.HubDir, "acme/b-big", c1, [("big.bin", big, true), ("config.json", Config, false)]);
        using var cancel = new CancellationTokenSource();
        var seen = new List<MirrorOperationEvent>();

        // Every progress report goes out (the clock steps a second per read), so the cancel lands inside big.bin.
        var result = await h.RunAsync(
            new MirrorRequest(MirrorDirection.Push, "nas", Verify: true),
            e =>
            {
                seen.Add(e);
                if (e.Operation.Progress.Repo == "acme/b-big" && e.Operation.Progress.BytesDone > Config.Length)
                {
                    cancel.Cancel();
                }
            },
            cancel.Token);

        Assert.Equal(MirrorOperationStatus.Cancelled, result.Status);
        Assert.Equal(MirrorOperationEvent.Finished, seen[^1].Kind);
        Assert.All(seen[..^1], e => Assert.Equal(MirrorOperationEvent.Progress, e.Kind));
        var bytes = seen.Select(e => e.Operation.Progress.BytesDone).ToList();
        Assert.Equal(bytes.Order(), bytes);
        var bigRepo = B.RepoDir(h.TargetHub, "acme/b-big");
        Assert.False(File.Exists(Path.Combine(bigRepo, "blobs", B.BlobName(big, true))));
        Assert.False(File.Exists(Path.Combine(bigRepo, "snapshots", c1, "big.bin")));
        Assert.False(File.Exists(Path.Combine(bigRepo, "refs", "main")));
        Assert.DoesNotContain(Directory.EnumerateFiles(h.TargetHub, "*", SearchOption.AllDirectories), f => f.EndsWith(MirrorFileCopier.TempSuffix, StringComparison.Ordinal));
        // Files run several at once, so the small repo's file may or may not have made it before the cancel.
        var configBlob = B.BlobName(Config, false);
        var missingConfigs = new[] { "acme/a-small", "acme/b-big" }.Count(r => !File.Exists(Path.Combine(B.RepoDir(h.TargetHub, r), "blobs", configBlob)));

        var rerun = await h.PushAsync(verify: true);

        Assert.Equal(MirrorOperationStatus.Completed, rerun.Status);
        Assert.Equal(1 + missingConfigs, rerun.Copied);
        Assert.Equal(big.Length + (missingConfigs * Config.Length), rerun.CopiedBytes);
        Assert.All(h.Diff().Repos, r => Assert.Equal(MirrorRepoState.Same, r.State));
    }

    [Fact]
    public async Task Rerun_AfterAProcessDiedMidFile_IgnoresItsTempAndCopiesOnlyWhatIsMissing()
    {
        using var h = await MirrorHarness.CreateAsync();
        var weights = B.Bytes(1_000_000, 6);
        var c1 = B.CommitOf("c1");
        B.AddSnapshot(h.HubDir, "acme/tiny", c1, [("config.json", Config, false), ("w.bin", weights, true)]);
        // What a killed push leaves: config.json's blob arrived, w.bin's bytes are half in a temp file.
        var blobs = Directory.CreateDirectory(Path.Combine(B.RepoDir(h.TargetHub, "acme/tiny"), "blobs")).FullName;
        File.WriteAllBytes(Path.Combine(blobs, B.BlobName(Config, false)), Config);
        File.WriteAllBytes(Path.Combine(blobs, $".{B.BlobName(weights, true)}.0badf00d{MirrorFileCopier.TempSuffix}"), weights[..500_000]);

        Assert.Equal(MirrorRepoState.Outdated, h.DiffOf("acme/tiny").State);
        var rerun = await h.PushAsync();

        Assert.Equal(1, rerun.Copied);
        Assert.Equal(weights.Length, rerun.CopiedBytes);
        Assert.Equal(MirrorRepoState.Same, h.DiffOf("acme/tiny").State);
    }

    [Fact]
    public async Task DeleteExtra_RefusedForAMissingOrEmptySource_NeverForBusy_ElseRemovesExtras()
    {
        using var h = await MirrorHarness.CreateAsync(new FixedRepoActivity("acme/busy-extra"));
        var c1 = B.CommitOf("c1");
        B.AddSnapshot(h.TargetHub, "acme/extra", c1, [("config.json", Config, false)]);
        B.AddSnapshot(h.TargetHub, "acme/busy-extra", c1, [("config.json", Config, false)]);
        var ct = TestContext.Current.CancellationToken;

        // H does not exist (an unmounted drive as cacheDir), then exists but is empty: both refused, dry run or not.
        foreach (var dryRun in new[] { true, false })
        {
            Assert.Equal(MirrorOutcome.Conflict, h.Engine.Plan(new MirrorRequest(MirrorDirection.Push, "nas", DryRun: dryRun, DeleteExtra: true), ct).Outcome);
        }

        Directory.CreateDirectory(h.HubDir);
        Assert.Equal(MirrorOutcome.Conflict, h.Engine.Plan(new MirrorRequest(MirrorDirection.Push, "nas", DeleteExtra: true), ct).Outcome);
        // Pull with an empty target would wipe H the same way.
        B.AddSnapshot(h.HubDir, "acme/kept", c1, [("config.json", Config, false)]);
        Directory.Move(h.TargetHub, h.TargetHub + ".away");
        Assert.Equal(MirrorOutcome.Conflict, h.Engine.Plan(new MirrorRequest(MirrorDirection.Pull, "nas", DeleteExtra: true), ct).Outcome);
        Directory.Move(h.TargetHub + ".away", h.TargetHub);

        var result = await h.PushAsync(deleteExtra: true);

        Assert.Equal(MirrorOperationStatus.Completed, result.Status);
        Assert.Equal(1, result.Deleted);
        Assert.False(Directory.Exists(B.RepoDir(h.TargetHub, "acme/extra")));
        Assert.True(Directory.Exists(B.RepoDir(h.TargetHub, "acme/busy-extra")));
        Assert.Contains("acme/busy-extra", result.Skipped);
        Assert.True(Directory.Exists(B.RepoDir(h.TargetHub, "acme/kept")));
    }

    [Fact]
    public async Task BusyRepo_IsSkippedAndReported_OthersCopied()
    {
        using var h = await MirrorHarness.CreateAsync(new FixedRepoActivity("acme/downloading"));
        var c1 = B.CommitOf("c1");
        B.AddSnapshot(h.HubDir, "acme/downloading", c1, [("config.json", Config, false)]);
        B.AddSnapshot(h.HubDir, "acme/idle", c1, [("config.json", Config, false)]);

        var plan = h.Engine.Plan(new MirrorRequest(MirrorDirection.Push, "nas", DryRun: true), TestContext.Current.CancellationToken).Value!;
        Assert.Equal(["acme/downloading"], plan.Skipped);
        Assert.Equal(["acme/idle"], plan.Repos.Select(r => r.Repo));
        Assert.False(Directory.Exists(h.TargetHub));

        var result = await h.PushAsync();

        Assert.Equal(["acme/downloading"], result.Skipped);
        Assert.False(Directory.Exists(B.RepoDir(h.TargetHub, "acme/downloading")));
        Assert.Equal(MirrorRepoState.Same, h.DiffOf("acme/idle").State);
    }

    [Fact]
    public async Task Force_CopiesEverySelectedFileAgain()
    {
        using var h = await MirrorHarness.CreateAsync();
        B.AddSnapshot(h.HubDir, "acme/tiny", B.CommitOf("c1"), [("config.json", Config, false), ("w.bin", B.Bytes(10_000, 7), true)]);
        await h.PushAsync();

        var forced = await h.PushAsync(force: true, verify: true);

        Assert.Equal(2, forced.Copied);
        Assert.Equal(MirrorRepoState.Same, h.DiffOf("acme/tiny").State);
    }

    [Fact]
    public async Task Push_NeverCopiesLocksIncompleteOrPartialFiles()
    {
        using var h = await MirrorHarness.CreateAsync();
        var c1 = B.CommitOf("c1");
        B.AddSnapshot(h.HubDir, "acme/tiny", c1, [("config.json", Config, false)]);
        var repo = B.RepoDir(h.HubDir, "acme/tiny");
        var blob = new string('a', 64);
        File.WriteAllText(Path.Combine(repo, "blobs", blob + ".incomplete"), "half");
        File.WriteAllText(Path.Combine(repo, "blobs", blob + ".hfdesk.incomplete"), "half");
        File.WriteAllText(Path.Combine(repo, "snapshots", c1, "x.bin.incomplete"), "half");
        Directory.CreateDirectory(Path.Combine(h.HubDir, ".locks", "models--acme--tiny"));
        File.WriteAllText(Path.Combine(h.HubDir, ".locks", "models--acme--tiny", blob + ".lock"), "");

        await h.PushAsync();

        var copied = B.Describe(h.TargetHub).Keys;
        Assert.DoesNotContain(copied, k => k.Contains("incomplete", StringComparison.Ordinal) || k.StartsWith(".locks", StringComparison.Ordinal));
        Assert.Contains("models--acme--tiny/snapshots/" + c1 + "/config.json", copied);
    }
}
