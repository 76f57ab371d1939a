using System.Net;
using HFDesk.Core.Hub;
using Microsoft.Extensions.Time.Testing;

namespace HFDesk.Core.Tests.Hub;

public sealed class HubRetryDelayTests
{
    private static readonly TimeSpan Cap = TimeSpan.FromMinutes(5);

    [Fact]
    public void RateLimitHeader_ExhaustedBucket_WaitsUntilResetPlusOne()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("RateLimit", "\"api\";r=0;t=53");

        Assert.Equal(TimeSpan.FromSeconds(54), HubRetryDelay.FromResponse(response, new FakeTimeProvider(), Cap));
    }

    [Fact]
    public void RateLimitHeader_WithRemainingQuotaOn5xx_IsIgnored()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.TryAddWithoutValidation("RateLimit", "\"api\";r=94;t=53");

        Assert.Null(HubRetryDelay.FromResponse(response, new FakeTimeProvider(), Cap));
    }

    [Fact]
    public void RetryAfterDate_IsMeasuredFromNow()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "Thu, 01 Jan 2026 00:00:30 GMT");

        Assert.Equal(TimeSpan.FromSeconds(30), HubRetryDelay.FromResponse(response, time, Cap));
    }

    [Fact]
    public void HugeRetryAfter_IsCapped()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "86400");

        Assert.Equal(Cap, HubRetryDelay.FromResponse(response, new FakeTimeProvider(), Cap));
    }
}
