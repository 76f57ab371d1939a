namespace HFDesk.Server.Contracts;

/// <summary><c>POST /api/mirror/diff</c>: H (<c>source</c>) against T/hub (<c>destination</c>), repo by repo.</summary>
internal sealed record MirrorDiffResponse(string Target, string Source, string Destination, IReadOnlyList<MirrorRepoDiffResponse> Repos, MirrorDiffSummaryResponse Summary);
