using HFDesk.Core.Cache;
using HFDesk.Core.Mirror;
using HFDesk.Core.Settings;
using HFDesk.Core.Storage;
using HFDesk.Core.Tests.Storage;

namespace HFDesk.Core.Tests.Mirror;

/// <summary>A hub cache H, a target folder T (cache in T/hub) registered as "nas", and the engine between them.</summary>
internal sealed class MirrorHarness : IDisposable
{
    private readonly TempDirectory _dir = new();

    private MirrorHarness(IRepoActivity activity, TimeProvider time, Func<string, bool>? symlinks)
    {
        Directory.CreateDirectory(TargetDir);
        Targets = MirrorTargetStore.Open(_dir.Sub("data"), HfEnvironment.Empty(_dir.Sub("home")));
        Engine = new MirrorEngine(
            () => new StorageRoots { CacheDir = _dir.Sub("cache"), HubDir = HubDir, HubDirSource = HubDirSource.CacheDir },
            Targets,
            activity,
            time,
            symlinks);
    }

    public string Root => _dir.Path;

    public string HubDir => _dir.Sub("cache", "hub");

    public string TargetDir => _dir.Sub("nas");

    public string TargetHub => Path.Combine(TargetDir, "hub");

    public MirrorTargetStore Targets { get; }

    public MirrorEngine Engine { get; }

    public static async Task<MirrorHarness> CreateAsync(IRepoActivity? activity = null, TimeProvider? time = null, Func<string, bool>? symlinks = null)
    {
        var harness = new MirrorHarness(activity ?? NoRepoActivity.Instance, time ?? TimeProvider.System, symlinks);
        var added = await harness.Targets.AddAsync("nas", harness.TargetDir, "", harness.HubDir, TestContext.Current.CancellationToken);
        Assert.Equal(MirrorOutcome.Ok, added.Outcome);
        return harness;
    }

    public MirrorDiff Diff(string? filter = null)
    {
        var answer = Engine.Diff("nas", filter, TestContext.Current.CancellationToken);
        return answer.Value ?? throw new InvalidOperationException(answer.Message);
    }

    public MirrorRepoDiff DiffOf(string repo) => Diff().Repos.Single(r => r.Repo == repo);

    /// <summary>Plans and runs a push or pull to the end in this process, as the server's operation does in the background.</summary>
    public async Task<MirrorOperationSnapshot> RunAsync(
        MirrorRequest request, Action<MirrorOperationEvent>? observer = null, CancellationToken cancellationToken = default)
    {
        var planned = Engine.Plan(request, TestContext.Current.CancellationToken);
        var plan = planned.Value ?? throw new InvalidOperationException(planned.Message);
        var operation = Engine.CreateOperation(plan, observer);
        await MirrorRun.ExecuteAsync(plan, MirrorCopyOptions.From(request), operation, cancellationToken);
        return operation.Snapshot();
    }

    public Task<MirrorOperationSnapshot> PushAsync(bool verify = false, bool force = false, bool deleteExtra = false) =>
        RunAsync(new MirrorRequest(MirrorDirection.Push, "nas", Verify: verify, Force: force, DeleteExtra: deleteExtra));

    public Task<MirrorOperationSnapshot> PullAsync(bool verify = false) =>
        RunAsync(new MirrorRequest(MirrorDirection.Pull, "nas", Verify: verify));

    public void Dispose() => _dir.Dispose();
}
