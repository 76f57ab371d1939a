using System.Net;

namespace HFDesk.Core.Downloads;

/// <summary>
/// Judges what the server sent against what the tree promised: each answer's status and Content-Range/Length (a
/// size change upstream, a range from the wrong offset, a 416, an ignored Range), and at the end the digests.
/// </summary>
internal sealed class TransferResponseValidator(TransferRequest request, bool plainStream, TimeProvider timeProvider)
{
    private readonly long _size = request.ExpectedSize;

    /// <summary>True when the etag is a git blob sha1, which the bytes can be checked against.</summary>
    public bool EtagIsGitSha1 => request.ExpectedEtag is { Length: 40 } etag && etag.All(char.IsAsciiHexDigit);

    /// <summary>Checks status and Content-Range; returns how many leading body bytes to skip (a 200 to a resumed plain stream).</summary>
    public long Check(HttpResponseMessage response, long start, bool tokenWasSent)
    {
        ArgumentNullException.ThrowIfNull(response);
        switch (response.StatusCode)
        {
            case HttpStatusCode.PartialContent:
                var range = response.Content.Headers.ContentRange;
                if (range?.Length is { } total && total != _size)
                {
                    throw new IntegrityException($"The server holds {total:N0} bytes for this file, {_size:N0} were expected: it changed upstream; download it again");
                }

                if (range?.From != start)
                {
                    // Not a network hiccup that a retry mends: a server that labels other bytes than asked cannot fill
                    // parts. Ranged transfers start over as one plain stream; a plain stream's resume gives up.
                    var said = range?.ToString() ?? "no Content-Range";
                    throw plainStream
                        ? new TransferProtocolException($"Asked for bytes from {start:N0}, the server answered {said}: it does not serve byte ranges correctly: {request.Source.GetLeftPart(UriPartial.Path)}")
                        : new RangeNotHonouredException($"Asked for bytes from {start:N0}, the server answered {said}");
                }

                return 0;

            case HttpStatusCode.OK:
                if (response.Content.Headers.ContentLength is { } length && length != _size)
                {
                    throw new IntegrityException($"The server sends {length:N0} bytes for this file, {_size:N0} were expected: it changed upstream; download it again");
                }

                if (!plainStream)
                {
                    throw new RangeNotHonouredException();
                }

                return start;

            case HttpStatusCode.RequestedRangeNotSatisfiable:
                throw new IntegrityException($"The server refused bytes {start}- of a {_size:N0}-byte file ({response.Content.Headers.ContentRange}): it changed upstream; download it again");

            default:
                throw TransferHttpException.From(response, tokenWasSent, timeProvider);
        }
    }

    /// <summary>Checks the finished file's digests against the LFS sha256 and the git blob etag.</summary>
    public void Verify(string? sha256, string? gitSha1)
    {
        if (request.ExpectedSha256 is { } expected && !string.Equals(expected, sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new IntegrityException($"SHA-256 mismatch: expected {expected}, got {sha256}; the corrupt download was deleted");
        }

        if (gitSha1 is not null && !string.Equals(request.ExpectedEtag, gitSha1, StringComparison.OrdinalIgnoreCase))
        {
            throw new IntegrityException($"Content does not match its etag: expected git blob {request.ExpectedEtag}, got {gitSha1}; the corrupt download was deleted");
        }
    }
}
