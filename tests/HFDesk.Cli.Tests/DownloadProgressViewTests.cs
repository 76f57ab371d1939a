using HFDesk.Cli.Rendering;
using HFDesk.Core.Jobs.Execution;
using Spectre.Console;
using Spectre.Console.Testing;

namespace HFDesk.Cli.Tests;

public sealed class DownloadProgressViewTests
{
    [Fact]
    public async Task Report_EventsFromARun_TotalSumsFilesAndShowsPhaseAndActivity()
    {
        var console = new TestConsole().Width(200);
        await console.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new PercentageColumn()).StartAsync(ctx =>
        {
            var view = new DownloadProgressView(ctx, "acme/tiny");
            view.Report(new DownloadEvent(DownloadEventKind.Planned) { Files = 3, TotalBytes = 300 });
            view.Report(new DownloadEvent(DownloadEventKind.Phase) { Phase = DownloadPhase.Downloading });
            view.Report(new DownloadEvent(DownloadEventKind.FileSkipped) { Path = "README.md", TotalBytes = 100, Bytes = 100 });
            view.Report(new DownloadEvent(DownloadEventKind.FileStarted) { Path = "model.gguf", TotalBytes = 150, Bytes = 50 });
            view.Report(new DownloadEvent(DownloadEventKind.FileProgress) { Path = "model.gguf", TotalBytes = 150, Bytes = 120, FetchedBytes = 70 });
            view.Report(new DownloadEvent(DownloadEventKind.Activity) { Path = "model.gguf", Message = "retrying in 2 s [1/4]" });
            view.Report(new DownloadEvent(DownloadEventKind.FileStarted) { Path = "config.json", TotalBytes = 50, Bytes = 0 });
            view.Report(new DownloadEvent(DownloadEventKind.FileCompleted) { Path = "config.json", TotalBytes = 50, Bytes = 50 });
            return Task.CompletedTask;
        });

        var lines = console.Output.Split('\n');

        // Total: 100 skipped + 120 of model.gguf + 50 of config.json = 270 of 300 bytes.
        Assert.Contains(lines, l => l.Contains("acme/tiny downloading 2/3 files", StringComparison.Ordinal) && l.Contains("90%", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("model.gguf retrying in 2 s [1/4]", StringComparison.Ordinal) && l.Contains("80%", StringComparison.Ordinal));
    }
}
