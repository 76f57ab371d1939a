using HFDesk.Core.Jobs.Execution;
using Spectre.Console;

namespace HFDesk.Cli.Rendering;

/// <summary>
/// Spectre progress for <c>hfdesk download</c>: one total bar (phase, bytes, speed, ETA) and one bar per active
/// file. Events arrive from several transfer threads at once, hence the lock.
/// </summary>
internal sealed class DownloadProgressView(ProgressContext context, string repo) : IProgress<DownloadEvent>
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ProgressTask> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _fileBytes = new(StringComparer.Ordinal);
    private ProgressTask? _total;
    private DownloadPhase _phase = DownloadPhase.Planning;
    private int _doneFiles;
    private int _totalFiles;

    public void Report(DownloadEvent value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_lock)
        {
            Apply(value);
        }
    }

    private void Apply(DownloadEvent e)
    {
        switch (e.Kind)
        {
            case DownloadEventKind.Planned:
                _totalFiles = e.Files ?? 0;
                _total = context.AddTask(TotalLabel(), autoStart: true, maxValue: Math.Max(1, e.TotalBytes ?? 0));
                break;
            case DownloadEventKind.Phase when e.Phase is { } phase:
                _phase = phase;
                break;
            case DownloadEventKind.FileSkipped when e.Path is not null:
                _doneFiles++;
                AddToTotal(e.Path, e.TotalBytes ?? 0);
                break;
            case DownloadEventKind.FileStarted when e.Path is not null:
                var task = context.AddTask(Markup.Escape(Shorten(e.Path)), autoStart: true, maxValue: Math.Max(1, e.TotalBytes ?? 0));
                task.Value = e.Bytes ?? 0;
                _files[e.Path] = task;
                AddToTotal(e.Path, e.Bytes ?? 0);
                break;
            case DownloadEventKind.FileProgress when e.Path is not null:
                if (_files.TryGetValue(e.Path, out var progressTask))
                {
                    progressTask.Value = e.Bytes ?? 0;
                }

                AddToTotal(e.Path, e.Bytes ?? 0);
                break;
            case DownloadEventKind.FileCompleted when e.Path is not null:
                _doneFiles++;
                AddToTotal(e.Path, e.TotalBytes ?? 0);
                if (_files.Remove(e.Path, out var done))
                {
                    done.Value = done.MaxValue;
                    done.StopTask();
                }

                break;
            case DownloadEventKind.FileFailed when e.Path is not null:
                if (_files.Remove(e.Path, out var failed))
                {
                    failed.Description = $"[red]{Markup.Escape(Shorten(e.Path))}[/]";
                    failed.StopTask();
                }

                break;
            case DownloadEventKind.Activity when e.Path is not null && _files.TryGetValue(e.Path, out var active):
                active.Description = e.Message is null
                    ? Markup.Escape(Shorten(e.Path))
                    : $"{Markup.Escape(Shorten(e.Path))} [yellow]{Markup.Escape(e.Message)}[/]";
                break;
        }

        if (_total is not null)
        {
            _total.Description = TotalLabel();
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

    private static string Shorten(string path) => path.Length <= 48 ? path : "…" + path[^47..];
}
