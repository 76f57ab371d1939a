namespace HFDesk.Server.Contracts;

/// <summary>
/// <c>GET /api/system</c>: what HFDesk measured (<see cref="Ram"/>, <see cref="Gpus"/>, <see cref="UnifiedMemory"/>)
/// and, in <see cref="Budget"/>, what fit badges assume after the <c>hardware</c> setting.
/// </summary>
internal sealed record SystemResponse(
    SystemRamResponse Ram,
    IReadOnlyList<SystemGpuResponse> Gpus,
    bool UnifiedMemory,
    string Os,
    string Arch,
    SystemBudgetResponse Budget);
