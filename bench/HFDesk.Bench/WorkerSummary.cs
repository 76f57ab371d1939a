namespace HFDesk.Bench;

internal sealed record WorkerSummary(int Files, long BytesFetched, long BytesResumed, long BytesRehashed);
