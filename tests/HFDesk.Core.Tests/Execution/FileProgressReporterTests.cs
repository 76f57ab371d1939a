using HFDesk.Core.Downloads;
using HFDesk.Core.Hub;
using HFDesk.Core.Jobs.Execution;

namespace HFDesk.Core.Tests.Execution;

public sealed class FileProgressReporterTests
{
    [Fact]
    public void Report_AllBytesWrittenBeforeTheEngineReturns_EveryPathOfTheBlobVerifyingOnce()
    {
        var events = new RecordingObserver();
        RepoFile[] group = [new("a/weights.bin", 100, new string('1', 40), new string('2', 64)), new("b/weights.bin", 100, new string('1', 40), new string('2', 64))];
        var reporter = new FileProgressReporter(group, events);

        reporter.Report(new TransferProgress(100, 60, 60, 2, null));
        Assert.DoesNotContain(events.Items, e => e.Kind == RecordedKind.FileVerifying);
        Assert.False(reporter.Verifying);

        reporter.Report(new TransferProgress(100, 100, 100, 0, "verifying"));
        reporter.Report(new TransferProgress(100, 100, 100, 0, null));

        Assert.True(reporter.Verifying);
        Assert.Equal(
            ["a/weights.bin", "b/weights.bin"],
            events.Items.Where(e => e.Kind == RecordedKind.FileVerifying).Select(e => e.Path));
        // After the full byte count of every path, so the tracker never sees a verifying file still short of bytes.
        var allBytes = events.Items.FindIndex(e => e.Kind == RecordedKind.FileProgress && e.Bytes == 100 && e.Path == "b/weights.bin");
        Assert.InRange(events.Items.FindIndex(e => e.Kind == RecordedKind.FileVerifying), allBytes + 1, events.Items.Count);
    }

    [Fact]
    public void Report_StartedOverAfterVerifying_SaysVerifyingAgainWhenTheBytesAreBack()
    {
        var events = new RecordingObserver();
        var reporter = new FileProgressReporter([new RepoFile("f.bin", 10, new string('1', 40), null)], events);

        reporter.Report(new TransferProgress(10, 10, 10, 0, null));
        reporter.Report(new TransferProgress(10, 0, 10, 1, "retrying"));
        Assert.False(reporter.Verifying);
        reporter.Report(new TransferProgress(10, 10, 20, 0, null));

        Assert.Equal(2, events.Items.Count(e => e.Kind == RecordedKind.FileVerifying));
    }
}
