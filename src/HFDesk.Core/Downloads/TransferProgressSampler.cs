namespace HFDesk.Core.Downloads;

/// <summary>
/// Samples one transfer's progress for its observer: at most one report per <see cref="TransferOptions.ProgressInterval"/>
/// while bytes flow, at once when a connection's activity (retrying, verifying) changes. Called from every connection.
/// </summary>
internal sealed class TransferProgressSampler(IProgress<TransferProgress>? progress, TimeProvider timeProvider, TimeSpan interval, long size)
{
    private string?[] _activities = [];
    private Func<long> _writtenBytes = static () => 0;
    private Func<int> _activeConnections = static () => 0;
    private Func<long> _contiguousBytes = static () => 0;
    private long _fetched;
    private long _lastReport;

    /// <summary>Bytes that came from the network in this run.</summary>
    public long FetchedBytes => Interlocked.Read(ref _fetched);

    /// <summary>Starts sampling a scheduler's counts over <paramref name="connections"/> connections.</summary>
    public void Attach(PartScheduler scheduler, int connections)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        _writtenBytes = () => scheduler.WrittenBytes;
        _activeConnections = () => scheduler.ActiveWorkers;
        _contiguousBytes = () => scheduler.ContiguousWrittenEnd(0);
        _activities = new string?[connections];
    }

    /// <summary>Counts bytes fetched and written now; reports when the interval has passed.</summary>
    public void OnWritten(int count)
    {
        Interlocked.Add(ref _fetched, count);
        Report(force: false);
    }

    /// <summary>What a connection is doing when bytes are not flowing; null clears it. Reported at once.</summary>
    public void SetActivity(int connection, string? activity)
    {
        if (connection < _activities.Length && !string.Equals(_activities[connection], activity, StringComparison.Ordinal))
        {
            _activities[connection] = activity;
            Report(force: true);
        }
    }

    /// <summary>The last word of a transfer, whatever the interval.</summary>
    public void ReportNow() => Report(force: true);

    private void Report(bool force)
    {
        if (progress is null)
        {
            return;
        }

        var last = Interlocked.Read(ref _lastReport);
        if (!force && timeProvider.GetElapsedTime(last) < interval)
        {
            return;
        }

        if (!force && Interlocked.CompareExchange(ref _lastReport, timeProvider.GetTimestamp(), last) != last)
        {
            return;
        }

        string? activity = null;
        foreach (var text in _activities)
        {
            activity ??= text;
        }

        progress.Report(new TransferProgress(size, _writtenBytes(), FetchedBytes, _activeConnections(), activity, _contiguousBytes()));
    }
}
