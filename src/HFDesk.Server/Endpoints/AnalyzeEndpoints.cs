using System.Globalization;
using HFDesk.Core.Analysis;
using HFDesk.Core.Gguf;
using HFDesk.Core.Hub;
using HFDesk.Core.Machine;
using HFDesk.Core.Settings;

namespace HFDesk.Server.Endpoints;

internal static class AnalyzeEndpoints
{
    private const long MinContext = 256;

    // Beyond any context a GGUF model ships with today (10M tokens), and small enough that estimates cannot overflow.
    private const long MaxContext = 10_000_000;

    public static RouteGroupBuilder MapAnalyzeEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/analyze/{owner}/{repo}", AnalyzeAsync).WithName("Analyze");
        api.MapGet("/analyze/{repo}", AnalyzeWithoutOwnerAsync).WithName("AnalyzeWithoutOwner");
        return api;
    }

    /// <summary>A repo without an owner (<c>gpt2</c>): the Hub's canonical repos have a one-segment id.</summary>
    public static Task<Results<Ok<AnalyzeResponse>, BadRequest<ErrorEnvelope>>> AnalyzeWithoutOwnerAsync(
        string repo,
        string? revision,
        string? dataset,
        string? context,
        [FromServices] HubClient hub,
        [FromServices] TimeProvider timeProvider,
        [FromServices] MachineProbe machine,
        [FromServices] GgufHeaderSource ggufHeaders,
        [FromServices] SettingsStore settings,
        CancellationToken cancellationToken) =>
        AnalyzeAsync("", repo, revision, dataset, context, hub, timeProvider, machine, ggufHeaders, settings, cancellationToken);

    /// <summary>Hub errors propagate as <see cref="HubException"/> to the exception handler, which maps them (404/401/429/502/504).</summary>
    public static async Task<Results<Ok<AnalyzeResponse>, BadRequest<ErrorEnvelope>>> AnalyzeAsync(
        string owner,
        string repo,
        string? revision,
        string? dataset,
        string? context,
        [FromServices] HubClient hub,
        [FromServices] TimeProvider timeProvider,
        [FromServices] MachineProbe machine,
        [FromServices] GgufHeaderSource ggufHeaders,
        [FromServices] SettingsStore settings,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(settings);
        if (!RepoId.TryParse(owner, repo, out var id, out var error))
        {
            return TypedResults.BadRequest(ErrorEnvelope.Create(ApiErrorCodes.BadRequest, "Invalid repository id", error));
        }

        if (!TryParseFlag(dataset, out var isDataset))
        {
            return TypedResults.BadRequest(ErrorEnvelope.Create(ApiErrorCodes.BadRequest, "Invalid analyze request", $"dataset must be true or false, not '{dataset}'"));
        }

        if (revision is not null && string.IsNullOrWhiteSpace(revision))
        {
            return TypedResults.BadRequest(ErrorEnvelope.Create(ApiErrorCodes.BadRequest, "Invalid analyze request", "revision must not be empty"));
        }

        // The same rule as plan: "..", "%2e%2e" and friends would reach the Hub as dot segments (issue 12).
        if (revision is not null && !RevisionSyntax.TryValidate(revision, out var revisionError))
        {
            return TypedResults.BadRequest(ErrorEnvelope.Create(ApiErrorCodes.BadRequest, "Invalid analyze request", revisionError));
        }

        long? contextTokens = null;
        if (context is not null)
        {
            if (!long.TryParse(context, NumberStyles.None, CultureInfo.InvariantCulture, out var tokens) || tokens is < MinContext or > MaxContext)
            {
                return TypedResults.BadRequest(ErrorEnvelope.Create(
                    ApiErrorCodes.BadRequest, "Invalid analyze request", $"context must be a whole number of tokens from {MinContext} to {MaxContext}, not '{context}'"));
            }

            contextTokens = tokens;
        }

        var budget = MemoryBudget.From(await machine.MeasureAsync(cancellationToken), settings.Current.Hardware);
        var analysis = await new RemoteRepoAnalyzer(hub, timeProvider, ggufHeaders)
            .AnalyzeAsync(id, isDataset, revision, budget, contextTokens, cancellationToken);
        return TypedResults.Ok(analysis.ToResponse());
    }

    private static bool TryParseFlag(string? value, out bool flag)
    {
        flag = false;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (value is "1")
        {
            flag = true;
            return true;
        }

        return value is "0" || bool.TryParse(value, out flag);
    }
}
