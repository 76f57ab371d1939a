using HFDesk.Core.Downloads;
using Microsoft.Extensions.Time.Testing;

namespace HFDesk.Core.Tests.Downloads;

public sealed class BandwidthLimiterTests
{
    [Fact]
    public void WaitAsync_Unlimited_CompletesAtOnce()
    {
        var limiter = new BandwidthLimiter(new FakeTimeProvider());

        Assert.True(limiter.WaitAsync(10_000_000, CancellationToken.None).AsTask().IsCompleted);
    }

    [Fact]
    public async Task WaitAsync_OverBudget_WaitsUntilTheDebtIsPaid()
    {
        var time = new FakeTimeProvider();
        var limiter = new BandwidthLimiter(time) { BytesPerSecond = 1_000_000 };

        var wait = limiter.WaitAsync(2_000_000, CancellationToken.None).AsTask();
        Assert.False(wait.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(wait.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1.1));
        await wait.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void BytesPerSecond_RaisedWhileRunning_AppliesToTheNextRead()
    {
        var time = new FakeTimeProvider();
        var limiter = new BandwidthLimiter(time) { BytesPerSecond = 1000 };
        Assert.False(limiter.WaitAsync(100_000, CancellationToken.None).AsTask().IsCompleted);

        limiter.BytesPerSecond = 0;

        Assert.True(limiter.WaitAsync(100_000, CancellationToken.None).AsTask().IsCompleted);
        Assert.Equal(256 * 1024, limiter.ReadLimit(256 * 1024));
    }

    [Fact]
    public void WaitAsync_TwoReadersSharingTheCap_SecondWaitsBehindTheFirst()
    {
        var time = new FakeTimeProvider();
        var limiter = new BandwidthLimiter(time) { BytesPerSecond = 1_000_000 };
        _ = limiter.WaitAsync(1_100_000, CancellationToken.None).AsTask();

        var second = limiter.WaitAsync(500_000, CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromSeconds(1.2));
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.4));
        Assert.True(second.IsCompleted);
    }
}
