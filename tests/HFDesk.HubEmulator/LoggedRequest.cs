namespace HFDesk.HubEmulator;

/// <summary>One request as the emulator saw it.</summary>
/// <param name="Sequence">Arrival order, from 1, per host.</param>
/// <param name="Origin">Hub or CDN port.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path as sent (still percent-encoded), without the query.</param>
/// <param name="Query">Query string without the leading '?', or empty.</param>
/// <param name="Range">The <c>Range</c> header, or null.</param>
/// <param name="Authorization">The <c>Authorization</c> header, or null.</param>
/// <param name="Status">Status code sent (0 if the response had not started when the snapshot was taken).</param>
/// <param name="BytesSent">Body bytes handed to the connection (an upper bound of what the client received).</param>
/// <param name="FilePath">The repo file served (resolve, raw and CDN routes), else null.</param>
/// <param name="Completed">False while the request is still being served.</param>
public sealed record LoggedRequest(
    long Sequence,
    RequestOrigin Origin,
    string Method,
    string Path,
    string Query,
    string? Range,
    string? Authorization,
    int Status,
    long BytesSent,
    string? FilePath,
    bool Completed)
{
    public bool HasAuthorization => Authorization is not null;
}
