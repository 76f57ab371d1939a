namespace HFDesk.Core.Cache;

/// <param name="Outcome">What happened.</param>
/// <param name="Message">A sentence for the user.</param>
/// <param name="DeletedPaths">Folders removed (hub cache entry, lock folder, friendly view, local folder).</param>
/// <param name="FreedBytes">Bytes of real files removed (links do not count).</param>
/// <param name="Warnings">Places skipped because reaching them meant following a link out of their root.</param>
internal sealed record CacheDeleteResult(
    CacheDeleteOutcome Outcome,
    string Message,
    IReadOnlyList<string> DeletedPaths,
    long FreedBytes,
    IReadOnlyList<string> Warnings);
