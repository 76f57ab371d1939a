using System.Net;
using System.Text;
using System.Text.Json;
using Polly.Timeout;

namespace HFDesk.Core.Hub;

/// <summary>
/// The one mapping from Hub answers and transport failures to <see cref="HubException"/> (hub-protocol §2).
/// <c>X-Error-Code</c> decides first; the status code only when the Hub sent none.
/// </summary>
internal static class HubErrorClassifier
{
    private const int MaxHubMessageLength = 300;

    public static async Task<HubException> FromResponseAsync(
        HttpResponseMessage response,
        bool tokenWasSent,
        HubCallContext context,
        Uri endpoint,
        TimeProvider timeProvider,
        TimeSpan maxRetryDelay,
        CancellationToken cancellationToken)
    {
        var hubMessage = HeaderValue(response, "X-Error-Message") ?? await ReadBodyMessageAsync(response, cancellationToken);
        return Classify(response, tokenWasSent, context, endpoint, hubMessage, HubRetryDelay.FromResponse(response, timeProvider, maxRetryDelay));
    }

    public static HubException Classify(
        HttpResponseMessage response,
        bool tokenWasSent,
        HubCallContext context,
        Uri endpoint,
        string? hubMessage,
        TimeSpan? retryAfter) =>
        Classify(
            new HubErrorAnswer(response.StatusCode, response.ReasonPhrase, HeaderValue(response, "X-Error-Code"), hubMessage, tokenWasSent, retryAfter),
            context,
            context.Repo is { } repo ? RepoPageUrl(endpoint, repo, context.Type) : null);

    /// <summary>The decision itself; <paramref name="repoUrl"/> is the page the messages send the user to.</summary>
    public static HubException Classify(HubErrorAnswer answer, HubCallContext context, string? repoUrl)
    {
        var status = (int)answer.Status;
        var tokenWasSent = answer.TokenWasSent;
        var what = context.Repo is { } r ? $"{context.Type.Word()} {r}" : "requested resource";
        var page = repoUrl ?? "the repository page";
        var suffix = Sanitize(answer.HubMessage) is { Length: > 0 } m ? $" (Hub: {m})" : "";

        HubException Make(HubErrorKind kind, string message) => new(kind, message)
        {
            StatusCode = status,
            TokenWasSent = tokenWasSent,
            RepoUrl = repoUrl,
            RetryAfter = answer.RetryAfter,
        };

        switch (answer.ErrorCode)
        {
            case "RepoNotFound":
                return Make(HubErrorKind.NotFound, NotFoundMessage(what, tokenWasSent));
            case "GatedRepo":
                return tokenWasSent && status == 403
                    ? Make(HubErrorKind.Gated, $"The terms of the gated {what} are not accepted for your token's account, or access is still pending: accept its terms at {page}.")
                    : Make(HubErrorKind.Gated, $"The {what} is gated and no token was sent: set a token (--token, HF_TOKEN or settings) and accept its terms at {page}.");
            case "RevisionNotFound":
                return Make(HubErrorKind.RevisionNotFound, $"Revision '{context.Revision}' was not found in {what}.");
            case "EntryNotFound":
                return Make(HubErrorKind.EntryNotFound, $"File '{context.Path}' was not found in {what} at revision '{context.Revision}'.");
            default:
                break;
        }

        switch (answer.Status)
        {
            case HttpStatusCode.Unauthorized when tokenWasSent:
                return Make(HubErrorKind.Unauthorized, $"The Hub rejected the token (invalid or expired): check the token in settings or HF_TOKEN.{suffix}");
            case HttpStatusCode.Unauthorized:
                return Make(HubErrorKind.NotFound, NotFoundMessage(what, tokenWasSent: false));
            case HttpStatusCode.Forbidden:
                var access = tokenWasSent ? "the token lacks access" : "a token with access is required";
                return Make(HubErrorKind.Forbidden, $"The Hub refused access to {what}: {access}{suffix}.");
            case HttpStatusCode.NotFound:
                return context.Repo is null && repoUrl is null
                    ? Make(HubErrorKind.NotFound, $"Not found on the Hub{suffix}.")
                    : Make(HubErrorKind.NotFound, NotFoundMessage(what, tokenWasSent));
            case HttpStatusCode.TooManyRequests:
                var wait = answer.RetryAfter is { } delay ? $"; retry in {Math.Ceiling(delay.TotalSeconds)} s" : "; retry later";
                return Make(HubErrorKind.RateLimited, $"The Hub is rate limiting requests{wait}.");
            case HttpStatusCode.RequestTimeout or HttpStatusCode.GatewayTimeout:
                return Make(HubErrorKind.Timeout, $"The Hub timed out answering about {what} ({status}).");
            default:
                return Make(HubErrorKind.Upstream, $"The Hub answered {status} {answer.ReasonPhrase} for {what}{suffix}.");
        }
    }

    /// <summary>Transport failures: no answer at all, or no answer in time.</summary>
    public static HubException FromException(Exception exception, Uri endpoint, bool tokenWasSent) => exception switch
    {
        TimeoutRejectedException or OperationCanceledException =>
            new HubException(HubErrorKind.Timeout, $"The Hub at {endpoint.Authority} did not answer in time.", exception) { TokenWasSent = tokenWasSent },
        HttpRequestException http =>
            new HubException(HubErrorKind.Upstream, $"Could not reach the Hub at {endpoint.Authority}: {http.Message}", exception) { TokenWasSent = tokenWasSent },
        _ => new HubException(HubErrorKind.Upstream, $"Request to the Hub at {endpoint.Authority} failed: {exception.Message}", exception) { TokenWasSent = tokenWasSent },
    };

    public static string RepoPageUrl(Uri endpoint, RepoId repo, RepoType type) =>
        $"{endpoint.AbsoluteUri.TrimEnd('/')}/{type.UrlPrefix()}{repo}";

    private static string NotFoundMessage(string what, bool tokenWasSent) => tokenWasSent
        ? $"The {what} was not found on the Hub, or your token has no access to it."
        : $"The {what} was not found on the Hub. If it is private, set a token (--token, HF_TOKEN or settings).";

    private static string? HeaderValue(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static async Task<string?> ReadBodyMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            // Error bodies are small JSON ({"error": "..."}); never read more than a few KB of a misbehaving answer.
            var buffer = new byte[4096];
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            if (read == 0)
            {
                return null;
            }

            using var document = JsonDocument.Parse(buffer.AsMemory(0, read));
            foreach (var name in new[] { "error", "message", "error_description" })
            {
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty(name, out var value)
                    && value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString();
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or IOException or HttpRequestException)
        {
            // An unreadable error body still leaves the status code to classify by.
        }

        return null;
    }

    private static string? Sanitize(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return null;
        }

        var builder = new StringBuilder(Math.Min(message.Length, MaxHubMessageLength));
        foreach (var c in message)
        {
            if (builder.Length >= MaxHubMessageLength)
            {
                break;
            }

            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString().Trim();
    }
}
