using System.Net;
using HFDesk.Core.Downloads;

namespace HFDesk.Core.Tests.Downloads;

public sealed class RetryAfterHeadersTests
{
    [Fact]
    public void Read_RetryAfterSeconds_UsesThem()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "7");

        Assert.Equal(TimeSpan.FromSeconds(7), RetryAfterHeaders.Read(response, TimeProvider.System));
    }

    [Fact]
    public void Read_OnlyRateLimitHeader_WaitsForTheWindowReset()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("RateLimit", "\"resolvers\";r=0;t=53");

        Assert.Equal(TimeSpan.FromSeconds(54), RetryAfterHeaders.Read(response, TimeProvider.System));
    }

    [Fact]
    public void Read_HugeRetryAfter_CappedAtFiveMinutes()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "86400");

        Assert.Equal(TimeSpan.FromMinutes(5), RetryAfterHeaders.Read(response, TimeProvider.System));
    }

    [Fact]
    public void Read_NoHeaders_Null()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.Null(RetryAfterHeaders.Read(response, TimeProvider.System));
    }
}
