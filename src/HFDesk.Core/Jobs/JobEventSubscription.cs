using System.Threading.Channels;

namespace HFDesk.Core.Jobs;

/// <summary>
/// One consumer's bounded queue of events. Writing never waits: when the consumer falls behind, the oldest
/// event is dropped and <see cref="Overflowed"/> turns true so the consumer can give up (a slow WebSocket
/// client is disconnected rather than slowing downloads).
/// </summary>
internal sealed class JobEventSubscription : IDisposable
{
    private readonly JobEvents _owner;
    private readonly Channel<JobEvent> _channel;
    private volatile bool _overflowed;

    internal JobEventSubscription(JobEvents owner, int capacity)
    {
        _owner = owner;
        _channel = Channel.CreateBounded<JobEvent>(
            new BoundedChannelOptions(capacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = false,
            },
            _ => _overflowed = true);
    }

    public ChannelReader<JobEvent> Reader => _channel.Reader;

    public bool Overflowed => _overflowed;

    public void Dispose()
    {
        _owner.Unsubscribe(this);
        _channel.Writer.TryComplete();
    }

    internal void Deliver(JobEvent jobEvent) => _channel.Writer.TryWrite(jobEvent);
}
