using System.Net;
using HFDesk.Core.Hub;

namespace HFDesk.Core.Downloads;

/// <summary>Turns a fatal 401/403/404 on a byte request into a <see cref="HubException"/> that says what to do about it.</summary>
internal static class HubAccessError
{
    public static HubException From(TransferHttpException failure, TransferRequest request)
    {
        var where = request.RepoUrl ?? request.Source.GetLeftPart(UriPartial.Path);
        var gated = string.Equals(failure.ErrorCode, "GatedRepo", StringComparison.OrdinalIgnoreCase);
        var (kind, message) = (failure.StatusCode, gated, failure.TokenWasSent) switch
        {
            (HttpStatusCode.Unauthorized, true, _) => (HubErrorKind.Gated,
                $"This repository is gated and no token was sent: set a token (--token or HF_TOKEN), then accept its terms at {where}"),
            (HttpStatusCode.Forbidden, true, _) => (HubErrorKind.Gated,
                $"The terms of this gated repository are not accepted for your token's account (or access is still pending): visit {where}"),
            (HttpStatusCode.Unauthorized, false, true) when failure.ErrorCode is null => (HubErrorKind.Unauthorized,
                "The Hub rejected the token (invalid credentials): check --token / HF_TOKEN"),
            (HttpStatusCode.Unauthorized, false, false) => (HubErrorKind.NotFound,
                $"Not found, or private and no token was sent: set a token (--token or HF_TOKEN) if you have access to {where}"),
            (HttpStatusCode.Unauthorized, false, true) => (HubErrorKind.NotFound,
                $"Not found, or the token has no access to {where}"),
            (HttpStatusCode.Forbidden, false, _) => (HubErrorKind.Forbidden,
                $"Access refused{(failure.TokenWasSent ? ": the token lacks access to this file" : ": a token with access is required")} ({where})"),
            (HttpStatusCode.NotFound, _, _) when string.Equals(failure.ErrorCode, "RevisionNotFound", StringComparison.OrdinalIgnoreCase) =>
                (HubErrorKind.RevisionNotFound, $"Revision not found: {where}"),
            (HttpStatusCode.NotFound, _, _) when string.Equals(failure.ErrorCode, "EntryNotFound", StringComparison.OrdinalIgnoreCase) =>
                (HubErrorKind.EntryNotFound, $"File not found at this revision: {where}"),
            (HttpStatusCode.NotFound, _, _) => (HubErrorKind.NotFound,
                $"Not found{(failure.TokenWasSent ? ", or the token has no access to it" : "")}: {where}"),
            (var status, _, _) when status >= HttpStatusCode.InternalServerError => (HubErrorKind.Upstream, $"The server failed ({(int)failure.StatusCode}) and retries ran out: {where}"),
            (HttpStatusCode.TooManyRequests, _, _) => (HubErrorKind.RateLimited, $"Rate limited by the Hub and retries ran out: {where}"),
            _ => (HubErrorKind.Upstream, $"Unexpected HTTP {(int)failure.StatusCode} for {where}"),
        };

        if (failure.ErrorMessage is { Length: > 0 } serverMessage)
        {
            message += $" (Hub: {serverMessage})";
        }

        return new HubException(kind, message, failure)
        {
            StatusCode = (int)failure.StatusCode,
            TokenWasSent = failure.TokenWasSent,
            RetryAfter = failure.RetryAfter,
            RepoUrl = request.RepoUrl,
        };
    }
}
