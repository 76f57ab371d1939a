namespace HFDesk.Server.Contracts;

/// <summary>The <c>200</c> answer when an identical download is already queued, running or paused.</summary>
internal sealed record DuplicateDownloadResponse(JobResponse Job, string Message);
