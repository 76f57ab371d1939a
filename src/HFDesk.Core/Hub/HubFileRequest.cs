namespace HFDesk.Core.Hub;

/// <summary>
/// A byte request for the download engine: a URL from <see cref="HubFileMetadata.DownloadUrl"/> (or a resolve URL)
/// and an optional range. Redirects are followed with the same token rule as every Hub call.
/// </summary>
/// <param name="Url">Where the bytes are.</param>
/// <param name="SendToken">Whether the token may go to <paramref name="Url"/>'s host:port.</param>
/// <param name="RangeFrom">First byte, or null for the whole file.</param>
/// <param name="RangeTo">Last byte inclusive, or null for "to the end" (<c>bytes=a-</c>).</param>
internal sealed record HubFileRequest(Uri Url, bool SendToken, long? RangeFrom = null, long? RangeTo = null);
