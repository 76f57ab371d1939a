namespace HFDesk.Core.HubServing;

/// <summary>The files of one commit as upstream listed them, and when that commit was last modified.</summary>
internal sealed record KeptTree(DateTimeOffset LastModified, IReadOnlyList<KeptFile> Files);
