using HFDesk.Core.Hub;

namespace HFDesk.Core.Downloads;

/// <summary>
/// One file to fetch into a temp file. The caller (a storage layout plus the Hub client) has already
/// decided where the bytes go and where they come from; the engine decides nothing about paths.
/// </summary>
/// <param name="Source">Download URL (the CDN <c>Location</c> for LFS files, the resolve URL otherwise).</param>
/// <param name="BearerToken">Token to send to <paramref name="Source"/>'s host, or null (never sent to another host).</param>
/// <param name="ExpectedSize">Content size in bytes.</param>
/// <param name="ExpectedSha256">LFS SHA-256 (lower-case hex) when known; always verified.</param>
/// <param name="ExpectedEtag">Normalised etag (no quotes, no <c>W/</c>); git blob sha1 for regular files.</param>
/// <param name="Commit">Commit the file belongs to; part of the journal identity.</param>
/// <param name="TempPath">Partial file, preallocated and written in place.</param>
/// <param name="JournalPath">Resume journal, normally next to <paramref name="TempPath"/>.</param>
internal sealed record TransferRequest(
    Uri Source,
    string? BearerToken,
    long ExpectedSize,
    string? ExpectedSha256,
    string? ExpectedEtag,
    string? Commit,
    string TempPath,
    string JournalPath)
{
    /// <summary>Repository page, used in actionable error messages (accept terms, check access).</summary>
    public string? RepoUrl { get; init; }

    /// <summary>Repo, revision and path the file belongs to, so an access error names them.</summary>
    public HubCallContext Context { get; init; } = HubCallContext.None;
}
