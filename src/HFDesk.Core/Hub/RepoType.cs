namespace HFDesk.Core.Hub;

public enum RepoType
{
    Model,
    Dataset,
}
