using HFDesk.Core.Jobs;
using HFDesk.Core.Planning;

namespace HFDesk.Server.Contracts;

/// <summary>A plan/download body that passed validation, with its destination frozen.</summary>
internal sealed record ValidatedDownload(JobRequest Request, FilterSpec Filter, JobDestination Destination)
{
    /// <summary>Analyzer item ids still to expand (see <c>DownloadSelection</c>); empty when filters were sent.</summary>
    public IReadOnlyList<string> Items { get; init; } = [];
}
