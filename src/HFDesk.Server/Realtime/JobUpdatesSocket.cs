using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HFDesk.Core.Jobs;
using HFDesk.Core.Mirror;
using Microsoft.Extensions.Logging;

namespace HFDesk.Server.Realtime;

/// <summary>
/// Pumps job events to one WebSocket client: <c>status</c> first, then <c>job_update</c> and <c>event</c>
/// messages. The client gets its own bounded queue; if it falls behind (queue overflowed or a send stalls)
/// it is disconnected, so a slow browser tab can never slow a download.
/// </summary>
internal sealed partial class JobUpdatesSocket(
    WebSocket socket,
    JobScheduler scheduler,
    Func<long> settingsRevision,
    TimeProvider time,
    ILogger logger)
{
    public const int QueueCapacity = 512;

    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);

    private static readonly string Version =
        typeof(JobUpdatesSocket).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Subscribe before reading the job list so nothing that happens in between is missed.
        using var subscription = scheduler.Events.Subscribe(QueueCapacity);
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var receiving = DrainClientAsync(closed);
        try
        {
            await SendStatusAsync(closed.Token);
            while (await subscription.Reader.WaitToReadAsync(closed.Token))
            {
                while (subscription.Reader.TryRead(out var jobEvent))
                {
                    if (subscription.Overflowed)
                    {
                        LogSlowClient(logger);
                        await CloseAsync(WebSocketCloseStatus.PolicyViolation, "Client too slow; reconnect to resynchronize");
                        return;
                    }

                    await SendAsync(jobEvent, closed.Token);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Client went away, server is stopping, or a send stalled past its timeout.
        }
        catch (WebSocketException)
        {
        }
        finally
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await CloseAsync(WebSocketCloseStatus.NormalClosure, "Server closing");
            }

            // Give the client a moment to answer our close frame (a clean handshake), then stop reading.
            await Task.WhenAny(receiving, Task.Delay(CloseGrace, time, CancellationToken.None));
            await closed.CancelAsync();
            await receiving;
        }
    }

    private Task SendAsync(JobEvent jobEvent, CancellationToken cancellationToken) => jobEvent switch
    {
        JobUpdated update => SendAsync(
            new RealtimeMessage<JobResponse>("job_update", update.Job.ToResponse()),
            ApiJsonContext.Default.RealtimeMessageJobResponse,
            cancellationToken),
        JobNotice { Kind: JobNotice.SettingsChanged } notice => SendNoticeThenStatusAsync(notice, cancellationToken),
        JobNotice notice => SendAsync(ToMessage(notice), ApiJsonContext.Default.RealtimeMessageRealtimeEventData, cancellationToken),
        MirrorOperationEvent mirror => SendAsync(
            new RealtimeMessage<RealtimeMirrorEventData>("event", RealtimeMirrorEventData.From(mirror)),
            ApiJsonContext.Default.RealtimeMessageRealtimeMirrorEventData,
            cancellationToken),
        _ => Task.CompletedTask,
    };

    private async Task SendNoticeThenStatusAsync(JobNotice notice, CancellationToken cancellationToken)
    {
        await SendAsync(ToMessage(notice), ApiJsonContext.Default.RealtimeMessageRealtimeEventData, cancellationToken);
        await SendStatusAsync(cancellationToken);
    }

    private Task SendStatusAsync(CancellationToken cancellationToken)
    {
        var jobs = scheduler.GetJobs().Select(j => j.ToResponse()).ToArray();
        var status = new RealtimeStatusData(Version, time.GetUtcNow(), jobs, settingsRevision());
        return SendAsync(
            new RealtimeMessage<RealtimeStatusData>("status", status),
            ApiJsonContext.Default.RealtimeMessageRealtimeStatusData,
            cancellationToken);
    }

    private static RealtimeMessage<RealtimeEventData> ToMessage(JobNotice notice) =>
        new("event", new RealtimeEventData(notice.Kind, notice.Message, notice.JobId?.Value, notice.Repo));

    private async Task SendAsync<T>(T message, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message, typeInfo);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(SendTimeout);
        await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
    }

    // Client messages are ignored, but reading is what notices a close frame or a dead connection.
    private async Task DrainClientAsync(CancellationTokenSource closed)
    {
        var buffer = new byte[1024];
        try
        {
            while (!closed.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, closed.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            await closed.CancelAsync();
        }
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string description)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(status, description, timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            socket.Abort();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropping a WebSocket client that fell behind")]
    private static partial void LogSlowClient(ILogger logger);
}
