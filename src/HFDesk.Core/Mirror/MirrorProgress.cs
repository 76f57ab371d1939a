namespace HFDesk.Core.Mirror;

public sealed record MirrorProgress(int FilesDone, int FilesTotal, long BytesDone, long BytesTotal, long BytesPerSecond, long? EtaSeconds, string? Repo);
