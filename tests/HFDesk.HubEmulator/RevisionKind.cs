namespace HFDesk.HubEmulator;

public enum RevisionKind
{
    Branch,
    Tag,
    PullRequest,
    Convert,
}
