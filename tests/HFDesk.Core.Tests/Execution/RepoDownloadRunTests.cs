using HFDesk.Core.Hub;
using HFDesk.Core.Jobs;
using HFDesk.Core.Jobs.Execution;
using HFDesk.Core.Planning;
using HFDesk.Core.Storage;
using HFDesk.Core.Tests.Jobs;
using HFDesk.Core.Tests.Storage;

namespace HFDesk.Core.Tests.Execution;

public sealed class RepoDownloadRunTests
{
    private readonly TimeProvider _time = TimeProvider.System;

    [Fact]
    public void Phase_LastFileHashingWithNothingLeftToDownload_IsVerifyingUntilItCompletes()
    {
        using var dir = new TempDirectory();
        var run = RepoDownloadRun.Open(Plan(("a", 10), ("b", 20)), StorageDestination.Cache(Path.Combine(dir.Path, "hub"), dir.Path));
        var tracker = new JobProgressTracker(JobStateMachineTests.JobIn(JobStatus.Running), _time);
        tracker.SetPlan([new PlannedJobFile("a", 10, false), new PlannedJobFile("b", 20, false)]);
        var events = run.Observe(tracker);
        run.EnterPhase(DownloadPhase.Downloading);
        events.FileStarted("a", 0, 10);
        events.FileStarted("b", 0, 20);
        events.FileProgress("a", 10, 10, 10);
        events.FileVerifying("a");
        events.FileProgress("b", 5, 5, 20);
        Assert.Equal(DownloadPhase.Downloading, run.Phase);
        Assert.Equal(JobPhase.Downloading, tracker.ApplyTo(JobStateMachineTests.JobIn(JobStatus.Running)).Phase);

        events.FileProgress("b", 20, 20, 20);
        events.FileVerifying("b");
        events.FileCompleted("a", 10);
        events.FileProgress("b", 20, 20, 20);

        // The run decides the phase; the tracker only learns it from the event.
        Assert.Equal(DownloadPhase.Verifying, run.Phase);
        var hashing = tracker.ApplyTo(JobStateMachineTests.JobIn(JobStatus.Running));
        Assert.Equal(JobPhase.Verifying, hashing.Phase);
        Assert.Equal("verifying", hashing.Progress.Activity);
        Assert.Equal([JobFileStatus.Complete, JobFileStatus.Verifying], hashing.Files.Select(f => f.Status));

        events.FileCompleted("b", 20);
        Assert.Equal(DownloadPhase.Downloading, run.Phase);
        Assert.Equal(JobPhase.Downloading, tracker.ApplyTo(JobStateMachineTests.JobIn(JobStatus.Running)).Phase);
    }

    [Fact]
    public void Phase_VerifyingFileLosesBytes_IsDownloadingAgain()
    {
        using var dir = new TempDirectory();
        var run = RepoDownloadRun.Open(Plan(("a", 10)), StorageDestination.Local(dir.Path));
        var phases = new List<DownloadPhase>();
        var events = run.Observe(new RecordingObserver(e =>
        {
            if (e.Kind == RecordedKind.PhaseChanged)
            {
                phases.Add(e.Phase!.Value);
            }
        }));
        run.EnterPhase(DownloadPhase.Downloading);
        events.FileStarted("a", 0, 10);
        events.FileProgress("a", 10, 10, 10);
        events.FileVerifying("a");
        Assert.Equal(DownloadPhase.Verifying, run.Phase);

        // The engine started the file over (a failed hash, an ignored Range): bytes are missing again.
        events.FileProgress("a", 0, 0, 10);

        Assert.Equal(DownloadPhase.Downloading, run.Phase);
        Assert.Equal([DownloadPhase.Downloading, DownloadPhase.Verifying, DownloadPhase.Downloading], phases);
    }

    [Fact]
    public void Open_FileAlreadyAtDestination_PresentOnceAndNotCountedToDownload()
    {
        using var dir = new TempDirectory();
        var hubDir = Path.Combine(dir.Path, "hub");
        var destination = StorageDestination.Cache(hubDir, dir.Path);
        var plan = Plan(("a", 3), ("b", 5));
        var blob = new HfCacheLayout(hubDir, RepoType.Model, plan.Repo, plan.Commit).BlobPath(plan.Files[0].BlobName);
        Directory.CreateDirectory(Path.GetDirectoryName(blob)!);
        File.WriteAllBytes(blob, [1, 2, 3]);

        var run = RepoDownloadRun.Open(plan, destination);
        File.Delete(blob);

        // Looked at once, when the run opened: what every part of the run reads, whatever the disk says later.
        Assert.True(run.IsPresent(plan.Files[0]));
        Assert.False(run.IsPresent(plan.Files[1]));
        Assert.Equal(5, run.BytesToDownload);
        Assert.Equal(Path.Combine(dir.Path, "models", "acme", "tiny"), run.OutputDir);
    }

    private static DownloadPlan Plan(params (string Path, long Size)[] files) => new()
    {
        Repo = RepoId.Parse("acme/tiny"),
        Revision = "main",
        Commit = new string('c', 40),
        Filter = FilterSpec.All,
        Files = [.. files.Select((f, i) => new RepoFile(f.Path, f.Size, new string((char)('a' + i), 40), null))],
        RepoFileCount = files.Length,
    };
}
