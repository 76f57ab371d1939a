namespace HFDesk.Core.Mirror;

internal sealed record MirrorProgress(int FilesDone, int FilesTotal, long BytesDone, long BytesTotal, long BytesPerSecond, long? EtaSeconds, string? Repo);
