using HFDesk.Core.Downloads;
using Microsoft.Extensions.Time.Testing;

namespace HFDesk.Core.Tests.Downloads;

public sealed class StallWatchdogTests
{
    [Fact]
    public void Armed_LongerThanTimeout_Fires()
    {
        var time = new FakeTimeProvider();
        using var watchdog = new StallWatchdog(time, TimeSpan.FromSeconds(4));

        watchdog.Arm();
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.False(watchdog.Fired);
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.True(watchdog.Fired);
        Assert.True(watchdog.Token.IsCancellationRequested);
    }

    [Fact]
    public void ReadsKeepArriving_NeverFires()
    {
        var time = new FakeTimeProvider();
        using var watchdog = new StallWatchdog(time, TimeSpan.FromSeconds(4));

        for (var i = 0; i < 20; i++)
        {
            watchdog.Arm();
            time.Advance(TimeSpan.FromSeconds(2));
            watchdog.Disarm();
        }

        Assert.False(watchdog.Fired);
    }

    [Fact]
    public void Disarmed_WaitingForBandwidth_NeverFires()
    {
        var time = new FakeTimeProvider();
        using var watchdog = new StallWatchdog(time, TimeSpan.FromSeconds(1));

        watchdog.Arm();
        watchdog.Disarm();
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.False(watchdog.Fired);
    }

    [Fact]
    public void ZeroTimeout_Disabled()
    {
        var time = new FakeTimeProvider();
        using var watchdog = new StallWatchdog(time, TimeSpan.Zero);

        watchdog.Arm();
        time.Advance(TimeSpan.FromHours(1));

        Assert.False(watchdog.Fired);
    }
}
