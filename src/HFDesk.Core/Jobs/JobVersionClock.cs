namespace HFDesk.Core.Jobs;

/// <summary>
/// Stamps every job snapshot with a number larger than any before it, so a client that gets the same job from
/// REST and the socket in any order keeps the newest (api.md: <c>version</c>). Seeded from the wall clock in
/// microseconds: versions keep rising across a restart while a page stays open (2^53 is centuries away).
/// </summary>
internal sealed class JobVersionClock(TimeProvider time)
{
    private long _last = time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;

    public long Next() => Interlocked.Increment(ref _last);
}
