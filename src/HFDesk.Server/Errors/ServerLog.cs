using Microsoft.Extensions.Logging;

namespace HFDesk.Server.Errors;

internal static partial class ServerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Hub failure on {Method} {Path}: {Kind} ({Status})")]
    public static partial void HubFailure(ILogger logger, string method, string path, HFDesk.Core.Hub.HubErrorKind kind, int status);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Bad request on {Method} {Path}: {Reason}")]
    public static partial void BadRequest(ILogger logger, string method, string path, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Unhandled failure on {Method} {Path}")]
    public static partial void Unhandled(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Refused {Method} {Path}: {Reason}")]
    public static partial void Refused(ILogger logger, string method, string path, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Unusable Hub data on {Method} {Path}: {Reason}")]
    public static partial void UnusableHubData(ILogger logger, string method, string path, string reason);
}
