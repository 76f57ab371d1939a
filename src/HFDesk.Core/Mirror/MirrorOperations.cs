using HFDesk.Core.Downloads;
using HFDesk.Core.Jobs;

namespace HFDesk.Core.Mirror;

/// <summary>
/// The server's push and pull operations: each runs in the background, one per target at a time (in this
/// process by a reservation, across machines by the target's lock file), publishes its progress on the
/// job event stream, and stays listed after it ends so its errors can be read.
/// </summary>
internal sealed class MirrorOperations(MirrorEngine engine, JobEvents? events, BandwidthLimiter? bandwidth = null) : IAsyncDisposable
{
    private const int MaxFinishedKept = 50;

    private readonly Lock _lock = new();
    private readonly List<MirrorOperation> _operations = [];
    private readonly HashSet<string> _busyTargets = new(StringComparer.OrdinalIgnoreCase);
    private bool _disposed;

    public MirrorEngine Engine => engine;

    public IReadOnlyList<MirrorOperationSnapshot> List()
    {
        lock (_lock)
        {
            return [.. _operations.Select(o => o.Snapshot())];
        }
    }

    public MirrorOperationSnapshot? Get(string id)
    {
        lock (_lock)
        {
            return _operations.FirstOrDefault(o => o.Id == id)?.Snapshot();
        }
    }

    /// <summary>Plans, takes the target, and starts the run; the answer holds the operation as it starts.</summary>
    public MirrorAnswer<MirrorOperationSnapshot> Start(MirrorRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = request.Target ?? "";
        lock (_lock)
        {
            if (_disposed)
            {
                return MirrorAnswer<MirrorOperationSnapshot>.Fail(MirrorOutcome.Conflict, "The server is shutting down");
            }

            if (!_busyTargets.Add(key))
            {
                return MirrorAnswer<MirrorOperationSnapshot>.Fail(MirrorOutcome.Conflict, $"A mirror operation is already running on target '{key}'");
            }
        }

        var started = false;
        try
        {
            var planned = engine.Plan(request with { DryRun = false }, cancellationToken);
            if (planned.Value is not { } plan)
            {
                return MirrorAnswer<MirrorOperationSnapshot>.Fail(planned.Outcome, planned.Message);
            }

            var targetLock = engine.TryLock(plan, out var holder);
            if (targetLock is null)
            {
                return MirrorAnswer<MirrorOperationSnapshot>.Fail(MirrorOutcome.Conflict, $"The target is in use: {holder}");
            }

            var operation = engine.CreateOperation(plan, e => events?.PublishEvent(e));
            lock (_lock)
            {
                _operations.Add(operation);
                Trim();
            }

            operation.Completion = Task.Run(() => RunAsync(operation, plan, MirrorCopyOptions.From(request), targetLock, key), CancellationToken.None);
            started = true;
            return MirrorAnswer<MirrorOperationSnapshot>.Ok(operation.Snapshot());
        }
        finally
        {
            if (!started)
            {
                Release(key);
            }
        }
    }

    /// <summary>Asks a running operation to stop; it ends <c>cancelled</c> (with a <c>mirror_finished</c>) shortly after.</summary>
    public MirrorAnswer<MirrorOperationSnapshot> Cancel(string id)
    {
        MirrorOperation? operation;
        lock (_lock)
        {
            operation = _operations.FirstOrDefault(o => o.Id == id);
        }

        if (operation is null)
        {
            return MirrorAnswer<MirrorOperationSnapshot>.Fail(MirrorOutcome.NotFound, $"No mirror operation '{id}'");
        }

        if (operation.Status != MirrorOperationStatus.Running)
        {
            return MirrorAnswer<MirrorOperationSnapshot>.Fail(MirrorOutcome.Conflict, $"The operation has already ended ({operation.Status.ToString().ToLowerInvariant()})");
        }

        operation.Cancellation.Cancel();
        return MirrorAnswer<MirrorOperationSnapshot>.Ok(operation.Snapshot());
    }

    public async ValueTask DisposeAsync()
    {
        MirrorOperation[] running;
        lock (_lock)
        {
            _disposed = true;
            running = [.. _operations.Where(o => o.Status == MirrorOperationStatus.Running)];
        }

        foreach (var operation in running)
        {
            await operation.Cancellation.CancelAsync();
        }

        await Task.WhenAll(running.Select(o => o.Completion));
    }

    private async Task RunAsync(MirrorOperation operation, MirrorPlan plan, MirrorCopyOptions copy, MirrorTargetLock targetLock, string key)
    {
        try
        {
            await using (targetLock)
            {
                await MirrorRun.ExecuteAsync(plan, copy, operation, bandwidth, operation.Cancellation.Token);
            }
        }
        finally
        {
            Release(key);
            if (operation.Snapshot() is { Copied: > 0 } or { Deleted: > 0 })
            {
                events?.Publish(new JobNotice(JobNotice.CacheChanged, $"Mirror {plan.Direction.ToString().ToLowerInvariant()} changed the cache"));
            }
        }
    }

    private void Release(string key)
    {
        lock (_lock)
        {
            _busyTargets.Remove(key);
        }
    }

    private void Trim()
    {
        var finished = _operations.Where(o => o.Status != MirrorOperationStatus.Running).ToList();
        foreach (var old in finished.Take(Math.Max(0, finished.Count - MaxFinishedKept)))
        {
            _operations.Remove(old);
        }
    }
}
