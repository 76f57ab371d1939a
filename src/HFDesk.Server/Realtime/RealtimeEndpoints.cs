using HFDesk.Core.Jobs;
using HFDesk.Core.Settings;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HFDesk.Server.Realtime;

internal static class RealtimeEndpoints
{
    public static RouteGroupBuilder MapRealtimeEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/ws", ConnectAsync).WithName("Realtime");
        return api;
    }

    /// <summary>The Origin policy middleware has already refused foreign origins, upgrade requests included.</summary>
    internal static async Task<Results<EmptyHttpResult, BadRequest<ErrorEnvelope>>> ConnectAsync(
        HttpContext context,
        [FromServices] JobScheduler scheduler,
        [FromServices] SettingsStore settings,
        [FromServices] TimeProvider time,
        [FromServices] IHostApplicationLifetime lifetime,
        [FromServices] ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(lifetime);
        ArgumentNullException.ThrowIfNull(loggers);
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return TypedResults.BadRequest(ErrorEnvelope.Create(ApiErrorCodes.BadRequest, "WebSocket upgrade expected"));
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var pump = new JobUpdatesSocket(socket, scheduler, () => settings.Revision, time, loggers.CreateLogger<JobUpdatesSocket>());
        await pump.RunAsync(ending.Token);
        return TypedResults.Empty;
    }
}
