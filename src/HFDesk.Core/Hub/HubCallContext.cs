namespace HFDesk.Core.Hub;

/// <summary>What a request was about, so an error can name the repo, revision or file and link the repo page.</summary>
internal sealed record HubCallContext(RepoId? Repo = null, RepoType Type = RepoType.Model, string? Revision = null, string? Path = null)
{
    public static HubCallContext None { get; } = new();
}
