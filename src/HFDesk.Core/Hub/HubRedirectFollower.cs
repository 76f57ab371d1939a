namespace HFDesk.Core.Hub;

/// <summary>
/// Sends a request and follows redirects itself (.NET's auto-redirect is off). The bearer token is only ever
/// attached while the URL is on the token origin's scheme, host and port: a relative redirect
/// keeps it, a redirect to the CDN (another host:port) drops it, as huggingface_hub and browsers do.
/// </summary>
internal static class HubRedirectFollower
{
    public const int MaxRedirects = 10;

    public static async Task<HubResponse> SendAsync(
        HttpClient client,
        HttpMethod method,
        Uri url,
        string? token,
        Uri tokenOrigin,
        HubRedirectMode mode,
        HttpCompletionOption completion,
        Action<HttpRequestMessage>? configure,
        CancellationToken cancellationToken)
    {
        var current = url;
        var anyTokenSent = false;
        for (var hop = 0; ; hop++)
        {
            var sendToken = token is not null && IsSameOrigin(current, tokenOrigin);
            using var request = new HttpRequestMessage(method, current);
            if (sendToken)
            {
                HubHttpTransport.SetBearer(request, token);
            }

            configure?.Invoke(request);
            anyTokenSent |= sendToken;

            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, completion, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw HubErrorClassifier.FromException(ex, tokenOrigin, anyTokenSent);
            }

            if (!IsRedirect(response) || RawLocation(response) is not { } location)
            {
                return new HubResponse(response, current, sendToken);
            }

            var absolute = IsAbsoluteLocation(location);
            if (mode == HubRedirectMode.RelativeOnly && absolute)
            {
                return new HubResponse(response, current, sendToken);
            }

            if (hop >= MaxRedirects)
            {
                response.Dispose();
                throw new HubException(HubErrorKind.Upstream, $"The Hub redirected more than {MaxRedirects} times (last: {current.GetLeftPart(UriPartial.Path)}).")
                {
                    TokenWasSent = anyTokenSent,
                };
            }

            response.Dispose();
            current = absolute
                ? new Uri(current, location)
                : new Uri(current, new Uri(location, UriKind.Relative));
            // A 303 (and historically 301/302 after POST) turns the request into a GET; HEAD stays HEAD.
            if (method == HttpMethod.Post && (int)response.StatusCode is 301 or 302 or 303)
            {
                method = HttpMethod.Get;
            }
        }
    }

    public static bool IsSameOrigin(Uri a, Uri b) =>
        Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) == 0;

    public static bool IsRedirect(HttpResponseMessage response) =>
        (int)response.StatusCode is 301 or 302 or 303 or 307 or 308;

    /// <summary>
    /// The Location header as sent. The typed header is not used: on Unix, .NET parses "/a/b" as an absolute
    /// file:// URI, which would turn the Hub's relative 307s into "absolute" ones.
    /// </summary>
    public static string? RawLocation(HttpResponseMessage response) =>
        response.Headers.NonValidated.TryGetValues("Location", out var values) ? values.FirstOrDefault() : null;

    public static bool IsAbsoluteLocation(string location) =>
        location.StartsWith("//", StringComparison.Ordinal)
        || location.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || location.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
