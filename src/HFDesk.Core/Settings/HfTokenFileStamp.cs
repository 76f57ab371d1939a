namespace HFDesk.Core.Settings;

/// <summary>
/// What a stat of the token file says; equal stamps mean "not rewritten". The length is part of it because
/// some file systems keep coarse modification times.
/// </summary>
internal readonly record struct HfTokenFileStamp(DateTime LastWriteTimeUtc, long Length);
