using HFDesk.Core.Jobs;
using Microsoft.Extensions.Time.Testing;

namespace HFDesk.Core.Tests.Jobs;

public sealed class JobEventsTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void PublishProgress_BurstWithinInterval_SendsFirstThenOnlyLatestAfterInterval()
    {
        using var events = new JobEvents(_time);
        using var subscription = events.Subscribe();
        var job = JobStateMachineTests.JobIn(JobStatus.Running);

        for (var i = 1; i <= 10; i++)
        {
            var snapshot = WithBytes(job, i);
            events.PublishProgress(job.Id, () => snapshot);
        }

        Assert.Equal([1L], Drain(subscription));
        _time.Advance(TimeSpan.FromMilliseconds(249));
        Assert.Empty(Drain(subscription));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([10L], Drain(subscription));
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Empty(Drain(subscription));
    }

    [Fact]
    public void PublishProgress_SpreadOverTime_NeverMoreThanOnePer250Ms()
    {
        using var events = new JobEvents(_time);
        using var subscription = events.Subscribe();
        var job = JobStateMachineTests.JobIn(JobStatus.Running);

        // 100 reports, one every 20 ms, over 2 s.
        for (var i = 1; i <= 100; i++)
        {
            var snapshot = WithBytes(job, i);
            events.PublishProgress(job.Id, () => snapshot);
            _time.Advance(TimeSpan.FromMilliseconds(20));
        }

        _time.Advance(TimeSpan.FromSeconds(1));
        var sent = Drain(subscription);
        Assert.InRange(sent.Count, 7, 9);
        Assert.Equal(100L, sent[^1]);
        Assert.Equal(sent.Order(), sent);
    }

    [Fact]
    public void PublishStatus_WithProgressPending_SendsAtOnceAndDropsStaleProgress()
    {
        using var events = new JobEvents(_time);
        using var subscription = events.Subscribe();
        var job = JobStateMachineTests.JobIn(JobStatus.Running);
        events.PublishProgress(job.Id, () => WithBytes(job, 1));
        events.PublishProgress(job.Id, () => WithBytes(job, 2));

        events.PublishStatus(job with { Status = JobStatus.Completed });
        _time.Advance(TimeSpan.FromSeconds(1));

        var received = ReadAll(subscription).Cast<JobUpdated>().ToList();
        Assert.Equal(2, received.Count);
        Assert.False(received[0].StatusChanged);
        Assert.True(received[1].StatusChanged);
        Assert.Equal(JobStatus.Completed, received[1].Job.Status);
    }

    [Fact]
    public void PublishProgress_AfterTerminalStatus_IsNotSent()
    {
        using var events = new JobEvents(_time);
        using var subscription = events.Subscribe();
        var job = JobStateMachineTests.JobIn(JobStatus.Running);
        events.PublishStatus(job with { Status = JobStatus.Cancelled });
        _time.Advance(TimeSpan.FromSeconds(1));

        events.PublishProgress(job.Id, () => job);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Single(ReadAll(subscription));
    }

    [Fact]
    public void Subscribe_ConsumerFallsBehind_DropsOldestAndFlagsOverflow()
    {
        using var events = new JobEvents(_time);
        using var slow = events.Subscribe(capacity: 4);
        using var fast = events.Subscribe(capacity: 100);

        for (var i = 0; i < 10; i++)
        {
            events.Publish(new JobNotice(JobNotice.Warning, $"w{i}"));
        }

        Assert.True(slow.Overflowed);
        Assert.False(fast.Overflowed);
        Assert.Equal(["w6", "w7", "w8", "w9"], ReadAll(slow).Cast<JobNotice>().Select(n => n.Message));
        Assert.Equal(10, ReadAll(fast).Count);
    }

    private static Job WithBytes(Job job, long bytes) =>
        job with { Progress = job.Progress with { DownloadedBytes = bytes } };

    private static List<long> Drain(JobEventSubscription subscription) =>
        [.. ReadAll(subscription).Cast<JobUpdated>().Select(u => u.Job.Progress.DownloadedBytes)];

    private static List<JobEvent> ReadAll(JobEventSubscription subscription)
    {
        var list = new List<JobEvent>();
        while (subscription.Reader.TryRead(out var item))
        {
            list.Add(item);
        }

        return list;
    }
}
