namespace HFDesk.Core.Settings;

/// <summary>One look at the token file: the token it held (null when missing, empty or unreadable) and why not.</summary>
internal sealed record HfTokenFileRead(string Path, HfTokenFileStamp? Stamp, string? Token, string? Error);
