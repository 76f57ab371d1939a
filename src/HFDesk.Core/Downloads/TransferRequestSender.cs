using System.Net;
using System.Net.Http.Headers;

namespace HFDesk.Core.Downloads;

/// <summary>
/// Sends one transfer's byte requests: the Range header for a part (or the resume offset of a plain stream), the
/// bearer token, and the redirects, followed here rather than by the handler so the token policy is ours: a hop to
/// another host:port drops the token for the rest of the chain.
/// </summary>
internal sealed class TransferRequestSender(HttpClient httpClient, TransferRequest request, bool plainStream)
{
    private const int MaxRedirects = 5;

    /// <summary>Asks for <c>[start, end)</c>; the caller owns the response. TokenWasSent tells a 401 from "log in".</summary>
    public async Task<(HttpResponseMessage Response, bool TokenWasSent)> SendAsync(long start, long end, CancellationToken cancellationToken)
    {
        var uri = request.Source;
        var bearer = request.BearerToken;
        for (var hop = 0; ; hop++)
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, uri);
            if (!plainStream)
            {
                message.Headers.Range = new RangeHeaderValue(start, end - 1);
            }
            else if (start > 0)
            {
                message.Headers.Range = new RangeHeaderValue(start, null);
            }

            if (bearer is not null)
            {
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            }

            var response = await httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (IsRedirect(response.StatusCode) && response.Headers.Location is not null && hop >= MaxRedirects)
            {
                // A loop (or an endless chain) is the server's fault and will not mend on a retry: fail the file now.
                response.Dispose();
                throw new TransferProtocolException($"The server redirected more than {MaxRedirects} times (last: {uri.GetLeftPart(UriPartial.Path)}); gave up: {request.Source.GetLeftPart(UriPartial.Path)}");
            }

            if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
            {
                var next = location.IsAbsoluteUri ? location : new Uri(uri, location);

                // The token goes only where it was meant to: a relative hop keeps it, another host:port never sees it.
                if (!string.Equals(next.GetLeftPart(UriPartial.Authority), uri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
                {
                    bearer = null;
                }

                response.Dispose();
                uri = next;
                continue;
            }

            return (response, bearer is not null);
        }
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}
