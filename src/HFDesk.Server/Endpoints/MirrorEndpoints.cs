using HFDesk.Core.Mirror;

namespace HFDesk.Server.Endpoints;

/// <summary>api.md § Mirror: targets, diff, push and pull (dry run or background operation), operations.</summary>
internal static class MirrorEndpoints
{
    public static RouteGroupBuilder MapMirrorEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var mirror = api.MapGroup("/mirror");
        mirror.MapGet("/targets", ListTargets).WithName("ListMirrorTargets");
        mirror.MapPost("/targets", AddTargetAsync).WithName("AddMirrorTarget");
        mirror.MapDelete("/targets/{name}", RemoveTargetAsync).WithName("RemoveMirrorTarget");
        mirror.MapPost("/diff", DiffAsync).WithName("MirrorDiff");
        mirror.MapPost("/push", (MirrorOperationRequest? body, MirrorOperations operations, CancellationToken ct) => StartAsync(body, MirrorDirection.Push, operations, ct)).WithName("MirrorPush");
        mirror.MapPost("/pull", (MirrorOperationRequest? body, MirrorOperations operations, CancellationToken ct) => StartAsync(body, MirrorDirection.Pull, operations, ct)).WithName("MirrorPull");
        mirror.MapGet("/operations", ListOperations).WithName("ListMirrorOperations");
        mirror.MapGet("/operations/{id}", GetOperation).WithName("GetMirrorOperation");
        mirror.MapDelete("/operations/{id}", CancelOperation).WithName("CancelMirrorOperation");
        return api;
    }

    internal static Ok<MirrorTargetListResponse> ListTargets([FromServices] MirrorOperations operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        return TypedResults.Ok(operations.Engine.ListTargets().ToListResponse());
    }

    internal static async Task<Results<Created<MirrorTargetResponse>, BadRequest<ErrorEnvelope>, Conflict<ErrorEnvelope>>> AddTargetAsync(
        [FromBody] MirrorTargetRequest? body, [FromServices] MirrorOperations operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (body is null)
        {
            return TypedResults.BadRequest(Error(ApiErrorCodes.BadRequest, "The request body must be a JSON object"));
        }

        var engine = operations.Engine;
        var change = await engine.Targets.AddAsync(body.Name, body.Path, body.Description, engine.HubDir, cancellationToken);
        return change switch
        {
            { Outcome: MirrorOutcome.Ok, Target: { } target } => TypedResults.Created(
                $"/api/mirror/targets/{Uri.EscapeDataString(target.Name)}", MirrorTargetStatus.Probe(target).ToResponse()),
            { Outcome: MirrorOutcome.Conflict } => TypedResults.Conflict(Error(ApiErrorCodes.Conflict, change.Message)),
            _ => TypedResults.BadRequest(Error(ApiErrorCodes.BadRequest, change.Message)),
        };
    }

    /// <summary>Forgets the target; its files are never touched.</summary>
    internal static async Task<Results<Ok<MirrorTargetRemovedResponse>, NotFound<ErrorEnvelope>>> RemoveTargetAsync(
        string name, [FromServices] MirrorOperations operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var change = await operations.Engine.Targets.RemoveAsync(name, cancellationToken);
        return change.Outcome == MirrorOutcome.Ok
            ? TypedResults.Ok(new MirrorTargetRemovedResponse(true, change.Message, change.Target!.Name))
            : TypedResults.NotFound(Error(ApiErrorCodes.NotFound, change.Message));
    }

    internal static async Task<Results<Ok<MirrorDiffResponse>, BadRequest<ErrorEnvelope>, NotFound<ErrorEnvelope>>> DiffAsync(
        [FromBody] MirrorDiffRequest? body, [FromServices] MirrorOperations operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (body is null)
        {
            return TypedResults.BadRequest(Error(ApiErrorCodes.BadRequest, "The request body must be a JSON object"));
        }

        // Reading two caches is file-system work: off the request thread.
        var answer = await Task.Run(() => operations.Engine.Diff(body.Target ?? "", body.RepoFilter, cancellationToken), cancellationToken);
        return answer switch
        {
            { Value: { } diff } => TypedResults.Ok(diff.ToResponse()),
            { Outcome: MirrorOutcome.NotFound } => TypedResults.NotFound(Error(ApiErrorCodes.NotFound, answer.Message)),
            _ => TypedResults.BadRequest(Error(ApiErrorCodes.BadRequest, answer.Message)),
        };
    }

    internal static async Task<Results<Ok<MirrorPlanResponse>, Accepted<MirrorOperationEnvelope>, BadRequest<ErrorEnvelope>, NotFound<ErrorEnvelope>, Conflict<ErrorEnvelope>>> StartAsync(
        MirrorOperationRequest? body, MirrorDirection direction, MirrorOperations operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (body is null)
        {
            return TypedResults.BadRequest(Error(ApiErrorCodes.BadRequest, "The request body must be a JSON object"));
        }

        var request = body.ToRequest(direction);
        if (request.DryRun)
        {
            var planned = await Task.Run(() => operations.Engine.Plan(request, cancellationToken), cancellationToken);
            return planned.Value is { } plan ? TypedResults.Ok(plan.ToResponse()) : Refusal(planned.Outcome, planned.Message);
        }

        var started = await Task.Run(() => operations.Start(request, cancellationToken), cancellationToken);
        return started.Value is { } operation
            ? TypedResults.Accepted($"/api/mirror/operations/{operation.Id}", new MirrorOperationEnvelope(operation.ToResponse()))
            : Refusal(started.Outcome, started.Message);
    }

    internal static Ok<MirrorOperationListResponse> ListOperations([FromServices] MirrorOperations operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        return TypedResults.Ok(new MirrorOperationListResponse([.. operations.List().Select(o => o.ToResponse())]));
    }

    internal static Results<Ok<MirrorOperationResponse>, NotFound<ErrorEnvelope>> GetOperation(string id, [FromServices] MirrorOperations operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        return operations.Get(id) is { } operation
            ? TypedResults.Ok(operation.ToResponse())
            : TypedResults.NotFound(Error(ApiErrorCodes.NotFound, $"No mirror operation '{id}'"));
    }

    /// <summary>Cancel: the operation stops between reads and ends <c>cancelled</c>; what arrived stays (a rerun skips it).</summary>
    internal static Results<Ok<MirrorOperationResponse>, NotFound<ErrorEnvelope>, Conflict<ErrorEnvelope>> CancelOperation(string id, [FromServices] MirrorOperations operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var answer = operations.Cancel(id);
        return answer switch
        {
            { Value: { } operation } => TypedResults.Ok(operation.ToResponse()),
            { Outcome: MirrorOutcome.NotFound } => TypedResults.NotFound(Error(ApiErrorCodes.NotFound, answer.Message)),
            _ => TypedResults.Conflict(Error(ApiErrorCodes.Conflict, answer.Message)),
        };
    }

    private static Results<Ok<MirrorPlanResponse>, Accepted<MirrorOperationEnvelope>, BadRequest<ErrorEnvelope>, NotFound<ErrorEnvelope>, Conflict<ErrorEnvelope>> Refusal(MirrorOutcome outcome, string message) =>
        outcome switch
        {
            MirrorOutcome.NotFound => TypedResults.NotFound(Error(ApiErrorCodes.NotFound, message)),
            MirrorOutcome.Conflict => TypedResults.Conflict(Error(ApiErrorCodes.Conflict, message)),
            _ => TypedResults.BadRequest(Error(ApiErrorCodes.BadRequest, message)),
        };

    private static ErrorEnvelope Error(string code, string message) => ErrorEnvelope.Create(code, message);
}
