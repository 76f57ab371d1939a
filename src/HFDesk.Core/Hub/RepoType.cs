namespace HFDesk.Core.Hub;

internal enum RepoType
{
    Model,
    Dataset,
}
