using HFDesk.Server.Realtime;

namespace HFDesk.Server.Endpoints;

internal static class ApiEndpoints
{
    /// <summary>
    /// Every /api area, one line each. A new area adds <c>Endpoints/XxxEndpoints.cs</c> with a
    /// <c>MapXxxEndpoints(this RouteGroupBuilder api)</c> and one call here.
    /// </summary>
    public static IEndpointRouteBuilder MapHfDeskApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapHealthEndpoints();
        api.MapSearchEndpoints();
        api.MapAnalyzeEndpoints();
        api.MapSystemEndpoints();
        api.MapSettingsEndpoints();
        api.MapCacheEndpoints();
        api.MapDiskEndpoints();
        api.MapPlanEndpoints();
        api.MapDownloadEndpoints();
        api.MapJobsEndpoints();
        api.MapHistoryEndpoints();
        api.MapMirrorEndpoints();
        api.MapRealtimeEndpoints();
        return endpoints;
    }
}
