using System.Net;

namespace HFDesk.Core.Hub;

/// <summary>What an error answer said, from a metadata call or a byte request alike: what the classifier decides on.</summary>
internal readonly record struct HubErrorAnswer(
    HttpStatusCode Status,
    string? ReasonPhrase,
    string? ErrorCode,
    string? HubMessage,
    bool TokenWasSent,
    TimeSpan? RetryAfter);
