namespace HFDesk.Server.Errors;

/// <summary>The <c>error_detail.code</c> values of api.md, one per status.</summary>
internal static class ApiErrorCodes
{
    public const string BadRequest = "bad_request";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string Conflict = "conflict";
    public const string PayloadTooLarge = "payload_too_large";
    public const string RateLimited = "rate_limited";
    public const string UpstreamError = "upstream_error";
    public const string UpstreamTimeout = "upstream_timeout";
    public const string ServerError = "server_error";

    public static string ForStatus(int status) => status switch
    {
        400 => BadRequest,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        413 => PayloadTooLarge,
        429 => RateLimited,
        502 => UpstreamError,
        504 => UpstreamTimeout,
        >= 400 and < 500 => BadRequest,
        _ => ServerError,
    };
}
