using HFDesk.Core.HubServing;
using HFDesk.Server.HubServing;
using Microsoft.Extensions.DependencyInjection;

namespace HFDesk.Server.Endpoints;

internal static class HubEndpoints
{
    private static readonly string[] HubMethods = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post];

    /// <summary>
    /// <c>/hub/**</c>: the Hugging Face Hub protocol answered from this machine's cache. One catch-all route because
    /// the Hub's paths need the raw request target (an encoded <c>%2F</c> in a revision is not a separator).
    /// </summary>
    public static IEndpointRouteBuilder MapHubEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapMethods(HubRoute.Prefix + "/{**rest}", HubMethods, HandleHubAsync).WithName("Hub");
        endpoints.MapGet("/api/hub-endpoint/stats", GetStats).WithName("GetHubEndpointStats");
        return endpoints;
    }

    public static Task HandleHubAsync(HttpContext context) =>
        context.RequestServices.GetRequiredService<HubRequestHandler>().HandleAsync(context);

    internal static Ok<HubEndpointStatsResponse> GetStats([FromServices] HubEndpointStats stats, [FromServices] HubEndpointConfiguration configuration)
    {
        var counts = stats.Snapshot();
        var settings = configuration.Current;
        return TypedResults.Ok(new HubEndpointStatsResponse(settings.Enabled, settings.Mode, counts.Requests, counts.BytesServed, counts.BytesServedZeroCopy, counts.CacheHits, counts.UpstreamFills, counts.Rejected));
    }
}
