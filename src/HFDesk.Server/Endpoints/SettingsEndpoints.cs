using HFDesk.Core.Mirror;
using HFDesk.Core.Settings;

namespace HFDesk.Server.Endpoints;

internal static class SettingsEndpoints
{
    public static RouteGroupBuilder MapSettingsEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/settings", GetSettings).WithName("GetSettings");
        api.MapPost("/settings", UpdateSettingsAsync).WithName("UpdateSettings");
        return api;
    }

    public static Ok<SettingsResponse> GetSettings([FromServices] SettingsStore settings, [FromServices] MirrorTargetStore mirrorTargets)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(mirrorTargets);
        var targets = mirrorTargets.Targets.Select(t => new MirrorTargetResponse(t.Name, t.Path, t.Description, Directory.Exists(t.Path), false, null, null, null)).ToList();
        // The settings page is where a user checks that a fresh `hf auth login` is seen: look now, not at the next tick.
        return TypedResults.Ok(settings.RefreshTokenFile().ToResponse(settings.ConfigFilePath) with { MirrorTargets = targets });
    }

    /// <summary>Only the fields present change; one invalid field rejects the whole request and changes nothing (api.md).</summary>
    public static async Task<Results<Ok<SettingsSavedResponse>, BadRequest<ErrorEnvelope>>> UpdateSettingsAsync(
        [FromBody] SettingsUpdateRequest? update,
        [FromServices] SettingsStore settings,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (update is null)
        {
            return TypedResults.BadRequest(ErrorEnvelope.Create(ApiErrorCodes.BadRequest, "Invalid settings", "The request body must be a JSON object"));
        }

        var result = await settings.UpdateAsync(update.ToUpdate(), cancellationToken);
        if (!result.Applied)
        {
            // Each message names its field, so one sentence per field reads well joined.
            var details = string.Join("; ", result.Errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Value));
            return TypedResults.BadRequest(ErrorEnvelope.Create(ApiErrorCodes.BadRequest, "Invalid settings", details));
        }

        return TypedResults.Ok(new SettingsSavedResponse(true, result.Message, result.Persisted, result.Snapshot.ToResponse(settings.ConfigFilePath)));
    }
}
