namespace HFDesk.HubEmulator;

public enum RepoKind
{
    Model,
    Dataset,
    Space,
}
