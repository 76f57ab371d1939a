using HFDesk.Core.Jobs;
using Microsoft.Extensions.Time.Testing;

namespace HFDesk.Core.Tests.Jobs;

public sealed class JobProgressTrackerTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Speed_ResumedFile_DoesNotCountBytesAlreadyOnDisk()
    {
        var tracker = new JobProgressTracker(JobStateMachineTests.JobIn(JobStatus.Running), _time);
        tracker.SetPlan([new PlannedJobFile("big.bin", 100_000_000, false)]);

        tracker.FileStarted("big.bin", 60_000_000);
        for (var second = 1; second <= 4; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            tracker.FileProgress("big.bin", 60_000_000 + (second * 1_000_000));
        }

        var progress = tracker.ApplyTo(JobStateMachineTests.JobIn(JobStatus.Running)).Progress;
        Assert.Equal(64_000_000, progress.DownloadedBytes);
        Assert.InRange(progress.BytesPerSecond, 900_000, 1_100_000);
        Assert.InRange(progress.EtaSeconds!.Value, 32, 40);
    }

    [Fact]
    public void Speed_AfterStall_DecaysToZeroAndEtaDisappears()
    {
        var tracker = new JobProgressTracker(JobStateMachineTests.JobIn(JobStatus.Running), _time);
        tracker.SetPlan([new PlannedJobFile("f", 10_000_000, false)]);
        tracker.FileStarted("f", 0);
        _time.Advance(TimeSpan.FromSeconds(1));
        tracker.FileProgress("f", 1_000_000);

        _time.Advance(TimeSpan.FromSeconds(30));

        var progress = tracker.ApplyTo(JobStateMachineTests.JobIn(JobStatus.Running)).Progress;
        Assert.Equal(0, progress.BytesPerSecond);
        Assert.Null(progress.EtaSeconds);
    }

    [Fact]
    public void Plan_PresentFiles_AreSkippedAndCountAsCompleted()
    {
        var tracker = new JobProgressTracker(JobStateMachineTests.JobIn(JobStatus.Running), _time);

        tracker.SetPlan([new PlannedJobFile("a", 10, true), new PlannedJobFile("b", 20, false)]);
        tracker.FileStarted("b", 0);
        tracker.FileProgress("b", 5);

        var job = tracker.ApplyTo(JobStateMachineTests.JobIn(JobStatus.Running));
        Assert.Equal(2, job.Progress.TotalFiles);
        Assert.Equal(1, job.Progress.CompletedFiles);
        Assert.Equal(30, job.Progress.TotalBytes);
        Assert.Equal(15, job.Progress.DownloadedBytes);
        Assert.Equal([JobFileStatus.Skipped, JobFileStatus.Active], job.Files.Select(f => f.Status));
    }

    [Fact]
    public void Activity_VerifyingPhaseWithoutText_SaysVerifying_ExplicitTextWins()
    {
        var tracker = new JobProgressTracker(JobStateMachineTests.JobIn(JobStatus.Running), _time);
        tracker.SetPhase(JobPhase.Verifying);
        Assert.Equal("verifying", tracker.ApplyTo(JobStateMachineTests.JobIn(JobStatus.Running)).Progress.Activity);

        tracker.SetActivity("retrying in 4 s");

        var job = tracker.ApplyTo(JobStateMachineTests.JobIn(JobStatus.Running));
        Assert.Equal("retrying in 4 s", job.Progress.Activity);
        Assert.Equal(JobPhase.Verifying, job.Phase);
    }

    [Fact]
    public void FileProgress_VerifyingFileLosesBytes_IsActiveAgain()
    {
        var tracker = new JobProgressTracker(JobStateMachineTests.JobIn(JobStatus.Running), _time);
        tracker.SetPlan([new PlannedJobFile("a", 10, false)]);
        tracker.SetPhase(JobPhase.Downloading);
        tracker.FileStarted("a", 0);
        tracker.FileProgress("a", 10);
        tracker.FileVerifying("a");

        tracker.FileProgress("a", 0);

        var job = tracker.ApplyTo(JobStateMachineTests.JobIn(JobStatus.Running));
        Assert.Equal(JobFileStatus.Active, Assert.Single(job.Files).Status);
        Assert.Equal(JobPhase.Downloading, job.Phase);
    }
}
