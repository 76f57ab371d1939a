namespace HFDesk.Core.Hub;

/// <summary>What a HEAD on <c>/resolve/</c> tells about one file (hub-protocol §1.8, as huggingface_hub reads it).</summary>
/// <param name="Commit">Full commit from <c>X-Repo-Commit</c>.</param>
/// <param name="Etag">X-Linked-Etag else ETag, without <c>W/</c> and quotes: the sha256 for LFS files, the git sha1 otherwise.</param>
/// <param name="Size">X-Linked-Size else Content-Length.</param>
/// <param name="DownloadUrl">The 302 Location (CDN) or the final URL after relative redirects.</param>
/// <param name="SendToken">Whether the bearer token may go to <paramref name="DownloadUrl"/> (same host:port as the Hub).</param>
/// <param name="IsLfs">True when the Hub answered with X-Linked-Etag (an LFS/Xet file served through a redirect).</param>
internal sealed record HubFileMetadata(string Commit, string Etag, long? Size, Uri DownloadUrl, bool SendToken, bool IsLfs);
