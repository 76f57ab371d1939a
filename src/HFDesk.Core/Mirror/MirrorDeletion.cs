using HFDesk.Core.Hub;

namespace HFDesk.Core.Mirror;

/// <summary>A repo folder that exists only at the destination and <c>deleteExtra</c> would remove.</summary>
internal sealed record MirrorDeletion(RepoType Type, string Repo, string Directory, long Bytes);
