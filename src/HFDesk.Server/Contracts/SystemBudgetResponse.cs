namespace HFDesk.Server.Contracts;

/// <param name="Ram">Bytes of RAM fit badges assume.</param>
/// <param name="Vram">Bytes of GPU memory (all GPUs) fit badges assume.</param>
/// <param name="UnifiedMemory">Whether the GPU's budget is a share of RAM.</param>
/// <param name="Overridden">Whether the <c>hardware</c> setting changed any of these.</param>
internal sealed record SystemBudgetResponse(long Ram, long Vram, bool UnifiedMemory, bool Overridden);
