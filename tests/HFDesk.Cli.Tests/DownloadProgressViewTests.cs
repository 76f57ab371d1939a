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
            view.Planned(3, 300, new string('c', 40), "/out");
            view.PhaseChanged(DownloadPhase.Downloading);
            view.FileSkipped("README.md", 100);
            view.FileStarted("model.gguf", 50, 150);
            view.FileProgress("model.gguf", 120, 70, 150);
            view.Activity("model.gguf", "retrying in 2 s [1/4]");
            view.FileStarted("config.json", 0, 50);
            view.FileCompleted("config.json", 50);
            return Task.CompletedTask;
        });

        var lines = console.Output.Split('\n');

        // Total: 100 skipped + 120 of model.gguf + 50 of config.json = 270 of 300 bytes.
        Assert.Contains(lines, l => l.Contains("acme/tiny downloading 2/3 files", StringComparison.Ordinal) && l.Contains("90%", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("model.gguf resumed: 50 B already on disk retrying in 2 s [1/4]", StringComparison.Ordinal) && l.Contains("80%", StringComparison.Ordinal));
    }
}
