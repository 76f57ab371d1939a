using HFDesk.Core.Jobs;
using Microsoft.Extensions.Time.Testing;

namespace HFDesk.Core.Tests.Jobs;

public sealed class JobProgressCheckpointerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    [Fact(Timeout = 60_000)]
    public async Task Tick_OnlyAfterAChange_SavesOncePerInterval()
    {
        var time = new FakeTimeProvider();
        var saves = 0;
        await using var checkpointer = new JobProgressCheckpointer(() => Count(ref saves), time, Interval);

        time.Advance(Interval);
        checkpointer.MarkChanged();
        checkpointer.MarkChanged();
        time.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.Equal(0, Volatile.Read(ref saves));

        time.Advance(TimeSpan.FromSeconds(1));
        await WaitForAsync(() => Volatile.Read(ref saves) == 1);
        time.Advance(Interval * 3);
        await Task.Delay(50, TestContext.Current.CancellationToken);

        Assert.Equal(1, Volatile.Read(ref saves));
    }

    [Fact]
    public async Task SaveSoon_WithoutTick_SavesAtOnce()
    {
        var time = new FakeTimeProvider();
        var saves = 0;
        await using var checkpointer = new JobProgressCheckpointer(() => Count(ref saves), time, Interval);

        checkpointer.SaveSoon();

        await WaitForAsync(() => Volatile.Read(ref saves) == 1);
    }

    [Fact(Timeout = 60_000)]
    public async Task SaveSoon_WhileASaveRuns_FoldsIntoOneMoreSave()
    {
        var time = new FakeTimeProvider();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        await using var checkpointer = new JobProgressCheckpointer(
            async () =>
            {
                if (Interlocked.Increment(ref started) == 1)
                {
                    await release.Task;
                }
            },
            time,
            Interval);

        checkpointer.SaveSoon();
        await WaitForAsync(() => Volatile.Read(ref started) == 1);
        checkpointer.SaveSoon();
        checkpointer.SaveSoon();
        checkpointer.SaveSoon();
        release.SetResult();

        await WaitForAsync(() => Volatile.Read(ref started) == 2);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.Equal(2, Volatile.Read(ref started));
    }

    [Fact(Timeout = 60_000)]
    public async Task SaveSoon_RightAfterASlowSave_WaitsAsLongAsThatSaveTook()
    {
        var time = new FakeTimeProvider();
        var saves = 0;
        await using var checkpointer = new JobProgressCheckpointer(
            () =>
            {
                Interlocked.Increment(ref saves);
                time.Advance(TimeSpan.FromSeconds(2));
                return Task.CompletedTask;
            },
            time,
            TimeSpan.FromMinutes(1));
        checkpointer.SaveSoon();
        await WaitForAsync(() => Volatile.Read(ref saves) == 1);

        checkpointer.SaveSoon();
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(1, Volatile.Read(ref saves));

        time.Advance(TimeSpan.FromSeconds(2));
        await WaitForAsync(() => Volatile.Read(ref saves) == 2);
    }

    [Fact(Timeout = 60_000)]
    public async Task Dispose_WaitsForTheSaveUnderWay_ThenSavesNothingMore()
    {
        var time = new FakeTimeProvider();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        var saves = 0;
        var checkpointer = new JobProgressCheckpointer(
            async () =>
            {
                Interlocked.Increment(ref started);
                await release.Task;
                Interlocked.Increment(ref saves);
            },
            time,
            Interval);
        checkpointer.SaveSoon();
        await WaitForAsync(() => Volatile.Read(ref started) == 1);

        var disposing = checkpointer.DisposeAsync().AsTask();
        Assert.False(disposing.IsCompleted);
        release.SetResult();
        await disposing;
        Assert.Equal(1, Volatile.Read(ref saves));

        checkpointer.MarkChanged();
        checkpointer.SaveSoon();
        time.Advance(Interval * 2);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.Equal(1, Volatile.Read(ref saves));
    }

    private static Task Count(ref int saves)
    {
        Interlocked.Increment(ref saves);
        return Task.CompletedTask;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 30 s");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
