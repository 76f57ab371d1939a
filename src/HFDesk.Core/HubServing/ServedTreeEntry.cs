namespace HFDesk.Core.HubServing;

/// <summary>One tree entry: a file (<see cref="File"/> set) or a directory (<see cref="File"/> null) at its full repo path.</summary>
internal readonly record struct ServedTreeEntry(string Path, ServedFile? File)
{
    public bool IsDirectory => File is null;
}
