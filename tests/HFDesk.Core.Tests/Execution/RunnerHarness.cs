using System.Collections.Concurrent;
using HFDesk.Core.Downloads;
using HFDesk.Core.Hub;
using HFDesk.Core.Jobs.Execution;
using HFDesk.Core.Planning;
using HFDesk.Core.Storage;
using HFDesk.Core.Tests.Hub;
using HFDesk.Core.Tests.Storage;
using HFDesk.HubEmulator;

namespace HFDesk.Core.Tests.Execution;

/// <summary>The emulator, a temp destination, and the planner + runner wired as the jobs and the CLI wire them.</summary>
internal sealed class RunnerHarness : IAsyncDisposable
{
    private RunnerHarness(EmulatedHub hub, string? token)
    {
        Hub = hub;
        Client = hub.CreateClient(token);
    }

    public EmulatedHub Hub { get; }

    public HubEmulatorHost Emulator => Hub.Emulator;

    public HubClient Client { get; }

    public TempDirectory Dir { get; } = new();

    public string HubDir => Path.Combine(Dir.Path, "hub");

    public ConcurrentQueue<RecordedEvent> Events { get; } = new();

    public static async Task<RunnerHarness> StartAsync(string? token = HubEmulatorTokens.Valid) =>
        new(await EmulatedHub.StartAsync(), token);

    public StorageDestination Cache(LinkMode linkMode = LinkMode.Auto) => StorageDestination.Cache(HubDir, Dir.Path, linkMode);

    public StorageDestination Local() => StorageDestination.Local(Path.Combine(Dir.Path, "local"));

    /// <summary>The plan alone (the planner knows no storage); the destination is where the run will open.</summary>
    public Task<DownloadPlan> PlanAsync(string repo, StorageDestination destination, FilterSpec? filter = null, RepoType type = RepoType.Model, string revision = "main") =>
        new DownloadPlanner(Client).PlanAsync(new DownloadPlanRequest(RepoId.Parse(repo), type, revision, filter ?? FilterSpec.All), TestContext.Current.CancellationToken);

    public async Task<RepoDownloadResult> RunAsync(
        DownloadPlan plan,
        StorageDestination destination,
        RepoDownloadOptions? options = null,
        Action<RecordedEvent>? onEvent = null,
        CancellationToken? cancellationToken = null)
    {
        var runner = new RepoDownloadRunner(Client, new RangeDownloader(Client.BytesClient, new BandwidthLimiter(TimeProvider.System), TimeProvider.System), TimeProvider.System);
        var observer = new RecordingObserver(e =>
        {
            Events.Enqueue(e);
            onEvent?.Invoke(e);
        });
        return await runner.RunAsync(
            RepoDownloadRun.Open(plan, destination),
            options ?? RepoDownloadOptions.Default,
            observer,
            cancellationToken ?? TestContext.Current.CancellationToken);
    }

    public async Task<RepoDownloadResult> DownloadAsync(string repo, StorageDestination destination, CancellationToken cancellationToken, FilterSpec? filter = null) =>
        await RunAsync(await PlanAsync(repo, destination, filter), destination, cancellationToken: cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Hub.DisposeAsync();
        Dir.Dispose();
    }
}
