namespace HFDesk.Core.Downloads;

/// <summary>A read delivered nothing for the stall timeout; retried from the bytes already written.</summary>
internal sealed class TransferStalledException(TimeSpan stallTimeout)
    : TimeoutException($"No data received for {stallTimeout.TotalSeconds:0.#} s");
