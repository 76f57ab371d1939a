using HFDesk.Core.Hub;
using HFDesk.Core.Jobs;

namespace HFDesk.Core.Tests.Jobs;

public sealed class JobStateMachineTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Theory]
    [InlineData("Queued", "Start", "Running")]
    [InlineData("Queued", "Pause", "Paused")]
    [InlineData("Queued", "Cancel", "Cancelled")]
    [InlineData("Running", "Pause", "Paused")]
    [InlineData("Running", "Complete", "Completed")]
    [InlineData("Running", "Fail", "Failed")]
    [InlineData("Running", "Cancel", "Cancelled")]
    [InlineData("Running", "Interrupt", "Queued")]
    [InlineData("Paused", "Resume", "Queued")]
    [InlineData("Paused", "Cancel", "Cancelled")]
    [InlineData("Failed", "Retry", "Queued")]
    [InlineData("Cancelled", "Retry", "Queued")]
    [InlineData("Completed", "Dismiss", "Completed")]
    [InlineData("Failed", "Dismiss", "Failed")]
    public void Apply_AllowedTransition_ReturnsNextStatus(string from, string action, string to)
    {
        var transition = JobStateMachine.Apply(JobIn(Enum.Parse<JobStatus>(from)), Enum.Parse<JobAction>(action), Now, "boom");

        Assert.True(transition.Allowed);
        Assert.Equal(Enum.Parse<JobStatus>(to), transition.Next!.Status);
        Assert.Null(transition.Conflict);
    }

    [Theory]
    [InlineData("Paused", "Pause")]
    [InlineData("Completed", "Pause")]
    [InlineData("Running", "Resume")]
    [InlineData("Queued", "Resume")]
    [InlineData("Completed", "Retry")]
    [InlineData("Running", "Retry")]
    [InlineData("Completed", "Cancel")]
    [InlineData("Cancelled", "Cancel")]
    [InlineData("Queued", "Dismiss")]
    [InlineData("Running", "Dismiss")]
    [InlineData("Paused", "Dismiss")]
    [InlineData("Paused", "Start")]
    [InlineData("Queued", "Complete")]
    public void Apply_WrongState_ReturnsConflictNamingTheStatus(string from, string action)
    {
        var status = Enum.Parse<JobStatus>(from);
        var transition = JobStateMachine.Apply(JobIn(status), Enum.Parse<JobAction>(action), Now);

        Assert.False(transition.Allowed);
        Assert.Contains(status.Word(), transition.Conflict, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_StartThenFail_SetsTimesAndError()
    {
        var running = JobStateMachine.Apply(JobIn(JobStatus.Queued), JobAction.Start, Now).Next!;
        var failed = JobStateMachine.Apply(running, JobAction.Fail, Now.AddMinutes(1), "disk full").Next!;

        Assert.Equal(Now, running.StartedAt);
        Assert.Equal(JobPhase.Planning, running.Phase);
        Assert.Equal("disk full", failed.Error);
        Assert.Equal(Now.AddMinutes(1), failed.EndedAt);
        Assert.Null(failed.Phase);
    }

    [Fact]
    public void Apply_RetryAfterFailure_ClearsErrorAndEnd()
    {
        var failed = JobIn(JobStatus.Failed) with { Error = "x", EndedAt = Now };

        var retried = JobStateMachine.Apply(failed, JobAction.Retry, Now).Next!;

        Assert.Null(retried.Error);
        Assert.Null(retried.EndedAt);
    }

    internal static Job JobIn(JobStatus status) => new()
    {
        Id = JobId.New(),
        Sequence = 1,
        Request = new JobRequest { Repo = RepoId.Parse("owner/name") },
        Destination = new JobDestination("/tmp/out", "/tmp/out/hub", false),
        Status = status,
        CreatedAt = Now,
    };
}
