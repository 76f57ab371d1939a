namespace HFDesk.HubEmulator;

/// <summary>A named ref of a fixture repo, resolved to its commit and file set.</summary>
public sealed record FixtureRevision(
    RevisionKind Kind,
    string Name,
    string Ref,
    string Commit,
    IReadOnlyDictionary<string, FixtureFile> Files);
