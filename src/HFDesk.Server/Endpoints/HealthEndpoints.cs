namespace HFDesk.Server.Endpoints;

internal static class HealthEndpoints
{
    public static RouteGroupBuilder MapHealthEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/health", GetHealth).WithName(nameof(GetHealth));
        return api;
    }

    public static Ok<HealthResponse> GetHealth(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return TypedResults.Ok(new HealthResponse("ok", HfDeskServer.Version, timeProvider.GetUtcNow().UtcDateTime));
    }
}
