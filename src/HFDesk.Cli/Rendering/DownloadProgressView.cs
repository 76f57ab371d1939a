using HFDesk.Core.Jobs.Execution;
using HFDesk.Core.Units;
using Spectre.Console;

namespace HFDesk.Cli.Rendering;

/// <summary>
/// Spectre progress for <c>hfdesk download</c>: one total bar (phase, bytes, speed, ETA) and one bar per active
/// file. Events arrive from several transfer threads at once, hence the lock.
/// </summary>
internal sealed class DownloadProgressView(ProgressContext context, string repo) : IDownloadObserver
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ProgressTask> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _fileBytes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _fileFetched = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _fileResumed = new(StringComparer.Ordinal);
    private ProgressTask? _total;
    private DownloadPhase _phase = DownloadPhase.Planning;
    private int _doneFiles;
    private int _totalFiles;

    public void Planned(int files, long totalBytes, string commit, string outputDir) => Apply(() =>
    {
        _totalFiles = files;
        _total = context.AddTask(TotalLabel(), autoStart: true, maxValue: Math.Max(1, totalBytes));
    });

    public void PhaseChanged(DownloadPhase phase) => Apply(() => _phase = phase);

    public void FileSkipped(string path, long totalBytes) => Apply(() =>
    {
        _doneFiles++;
        AddToTotal(path, totalBytes);
    });

    public void FileStarted(string path, long bytesOnDisk, long totalBytes) => Apply(() =>
    {
        if (bytesOnDisk > 0)
        {
            _fileResumed[path] = bytesOnDisk;
        }

        var task = context.AddTask(FileLabel(path, null), autoStart: true, maxValue: Math.Max(1, totalBytes));
        task.Value = bytesOnDisk;
        _files[path] = task;
        AddToTotal(path, bytesOnDisk);
    });

    public void FileProgress(string path, long bytesOnDisk, long fetchedBytes, long totalBytes) => Apply(() =>
    {
        _fileFetched[path] = fetchedBytes;
        if (_files.TryGetValue(path, out var task))
        {
            task.Value = bytesOnDisk;
            task.State.Update<double>(FetchRateColumn.FetchedKey, _ => fetchedBytes);
        }

        AddToTotal(path, bytesOnDisk);
        _total?.State.Update<double>(FetchRateColumn.FetchedKey, _ => _fileFetched.Values.Sum());
    });

    public void FileVerifying(string path)
    {
        // The bar is full already; the total line says the phase.
    }

    public void FileCompleted(string path, long totalBytes) => Apply(() =>
    {
        _doneFiles++;
        AddToTotal(path, totalBytes);
        if (_files.Remove(path, out var done))
        {
            done.Value = done.MaxValue;
            done.StopTask();
        }
    });

    public void FileFailed(string path, string message) => Apply(() =>
    {
        if (_files.Remove(path, out var failed))
        {
            failed.Description = $"[red]{Markup.Escape(Shorten(path))}[/]";
            failed.StopTask();
        }
    });

    public void Activity(string path, string? message) => Apply(() =>
    {
        if (_files.TryGetValue(path, out var active))
        {
            active.Description = FileLabel(path, message);
        }
    });

    private void Apply(Action change)
    {
        lock (_lock)
        {
            change();
            if (_total is not null)
            {
                _total.Description = TotalLabel();
            }
        }
    }

    // Per-file totals are cumulative; the overall bar is their sum, so a retried part never counts twice.
    private void AddToTotal(string path, long bytes)
    {
        _fileBytes[path] = bytes;
        if (_total is not null)
        {
            _total.Value = _fileBytes.Values.Sum();
        }
    }

    private string TotalLabel() =>
        $"[bold]{Markup.Escape(repo)}[/] {_phase.ToString().ToLowerInvariant()} {_doneFiles}/{_totalFiles} files";

    /// <summary>The path, what it is waiting for, and how much of it an earlier run left on disk.</summary>
    private string FileLabel(string path, string? activity)
    {
        var label = Markup.Escape(Shorten(path));
        if (_fileResumed.TryGetValue(path, out var resumed))
        {
            label += $" [grey]resumed: {Markup.Escape(ByteSize.Format(resumed))} already on disk[/]";
        }

        return activity is null ? label : $"{label} [yellow]{Markup.Escape(activity)}[/]";
    }

    private static string Shorten(string path) => path.Length <= 48 ? path : "…" + path[^47..];
}
