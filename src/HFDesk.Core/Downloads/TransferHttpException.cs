using System.Net;
using System.Net.Http.Headers;
using HFDesk.Core.Hub;

namespace HFDesk.Core.Downloads;

/// <summary>A non-success answer to a byte request, with what the classifier and the error messages need.</summary>
internal sealed class TransferHttpException : Exception
{
    public TransferHttpException(HttpStatusCode statusCode, string? errorCode, string? errorMessage, TimeSpan? retryAfter, bool tokenWasSent)
        : base($"HTTP {(int)statusCode} {errorCode} {errorMessage}".TrimEnd())
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        RetryAfter = retryAfter;
        TokenWasSent = tokenWasSent;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The Hub's <c>X-Error-Code</c> (RepoNotFound, GatedRepo, EntryNotFound, …).</summary>
    public string? ErrorCode { get; }

    public string? ErrorMessage { get; }

    public TimeSpan? RetryAfter { get; }

    public bool TokenWasSent { get; }

    public HubErrorAnswer Answer => new(StatusCode, null, ErrorCode, ErrorMessage, TokenWasSent, RetryAfter);

    public static TransferHttpException From(HttpResponseMessage response, bool tokenWasSent, TimeProvider timeProvider) =>
        new(
            response.StatusCode,
            FirstHeader(response.Headers, "X-Error-Code"),
            FirstHeader(response.Headers, "X-Error-Message"),
            RetryAfterHeaders.Read(response, timeProvider),
            tokenWasSent);

    private static string? FirstHeader(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
