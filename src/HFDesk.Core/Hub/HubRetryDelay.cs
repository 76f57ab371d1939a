using System.Globalization;
using System.Net;

namespace HFDesk.Core.Hub;

/// <summary>
/// How long the Hub asks us to wait: the IETF <c>RateLimit: "bucket";r=0;t=53</c> header (the Hub sends it on
/// every answer, so only trusted when the bucket is exhausted or the answer is a 429), else <c>Retry-After</c>
/// in seconds or as an HTTP date.
/// </summary>
internal static class HubRetryDelay
{
    public static TimeSpan? FromResponse(HttpResponseMessage? response, TimeProvider timeProvider, TimeSpan cap)
    {
        if (response is null)
        {
            return null;
        }

        var delay = FromRateLimit(response) ?? FromRetryAfter(response, timeProvider);
        if (delay is null)
        {
            return null;
        }

        if (delay < TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        return delay > cap ? cap : delay;
    }

    private static TimeSpan? FromRateLimit(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("RateLimit", out var values))
        {
            return null;
        }

        int? remaining = null;
        int? reset = null;
        foreach (var value in values)
        {
            foreach (var part in value.Split(';', StringSplitOptions.TrimEntries))
            {
                if (part.StartsWith("r=", StringComparison.Ordinal) && int.TryParse(part[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var r))
                {
                    remaining = r;
                }
                else if (part.StartsWith("t=", StringComparison.Ordinal) && int.TryParse(part[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var t))
                {
                    reset = t;
                }
            }
        }

        var exhausted = remaining == 0 || response.StatusCode == HttpStatusCode.TooManyRequests;
        // huggingface_hub sleeps t+1 s: the window resets at t, and being early costs another 429.
        return exhausted && reset is { } seconds ? TimeSpan.FromSeconds(seconds + 1) : null;
    }

    private static TimeSpan? FromRetryAfter(HttpResponseMessage response, TimeProvider timeProvider)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter?.Date is { } date)
        {
            return date - timeProvider.GetUtcNow();
        }

        return null;
    }
}
