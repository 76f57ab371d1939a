using System.Globalization;

namespace HFDesk.Core.Downloads;

/// <summary>How long the Hub asks us to wait: <c>Retry-After</c> (seconds or date), else <c>RateLimit: "…";r=0;t=&lt;s&gt;</c>.</summary>
internal static class RetryAfterHeaders
{
    // A server asking for longer than this is treated as asking for this: a paused download is the user's call, not the server's.
    public static readonly TimeSpan Cap = TimeSpan.FromMinutes(5);

    public static TimeSpan? Read(HttpResponseMessage response, TimeProvider timeProvider)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return Clamp(delta);
        }

        if (retryAfter?.Date is { } date)
        {
            return Clamp(date - timeProvider.GetUtcNow());
        }

        if (response.Headers.TryGetValues("RateLimit", out var values))
        {
            foreach (var value in values)
            {
                if (TryParseRateLimitReset(value, out var reset))
                {
                    return Clamp(reset);
                }
            }
        }

        return null;
    }

    // "api";r=0;t=53 — the Hub's draft IETF RateLimit header; t is seconds until the window resets.
    internal static bool TryParseRateLimitReset(string value, out TimeSpan reset)
    {
        foreach (var part in value.Split(';', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal)
                && long.TryParse(part.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                // Python's client sleeps t+1: the window resets at the end of second t.
                reset = TimeSpan.FromSeconds(seconds + 1);
                return true;
            }
        }

        reset = default;
        return false;
    }

    private static TimeSpan Clamp(TimeSpan value) =>
        value < TimeSpan.Zero ? TimeSpan.Zero : value > Cap ? Cap : value;
}
