namespace HFDesk.Server.Contracts;

internal sealed record JobListResponse(IReadOnlyList<JobResponse> Jobs, int Count);
