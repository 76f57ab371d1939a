namespace HFDesk.Core.Downloads;

/// <summary>Writing or reading the temp file failed (disk full, permissions): never retried as if it were the network.</summary>
internal sealed class DiskWriteException(string message, Exception innerException) : Exception(message, innerException);
