namespace HFDesk.Core.Mirror;

/// <summary>A folder T that holds a second hub cache at <c>T/hub</c> (a NAS share, a USB drive, another disk).</summary>
internal sealed record MirrorTarget(string Name, string Path, string Description)
{
    public const string HubFolderName = "hub";

    /// <summary>T/hub: the same layout as H, so <c>HF_HUB_CACHE=T/hub</c> works for any Hugging Face client.</summary>
    public string HubDir => System.IO.Path.Combine(Path, HubFolderName);
}
