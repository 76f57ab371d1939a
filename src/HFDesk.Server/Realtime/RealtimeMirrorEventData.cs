using HFDesk.Core.Mirror;

namespace HFDesk.Server.Realtime;

/// <summary>
/// The <c>event</c> data of <c>mirror_progress</c> and <c>mirror_finished</c>: the usual kind, message and repo,
/// plus the whole operation object, so a client needs no second request to draw it.
/// </summary>
internal sealed record RealtimeMirrorEventData(string Kind, string Message, string? Repo, MirrorOperationResponse Operation)
{
    public static RealtimeMirrorEventData From(MirrorOperationEvent mirror)
    {
        var operation = mirror.Operation.ToResponse();
        var message = mirror.Kind == MirrorOperationEvent.Finished
            ? $"Mirror {operation.Kind} to '{operation.Target}' {operation.Status}"
            : $"Mirror {operation.Kind} '{operation.Target}': {operation.Progress.FilesDone}/{operation.Progress.FilesTotal} files";
        return new RealtimeMirrorEventData(mirror.Kind, message, operation.Progress.Repo, operation);
    }
}
