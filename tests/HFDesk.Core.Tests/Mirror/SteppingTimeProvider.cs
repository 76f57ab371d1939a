namespace HFDesk.Core.Tests.Mirror;

/// <summary>A clock whose timestamp moves a full second at every reading, so no rate limit ever holds a report back.</summary>
internal sealed class SteppingTimeProvider : TimeProvider
{
    private long _timestamp;

    public override long GetTimestamp() => Interlocked.Add(ref _timestamp, TimestampFrequency);
}
