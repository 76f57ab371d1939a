using HFDesk.Core.Machine;
using HFDesk.Core.Settings;

namespace HFDesk.Server.Endpoints;

internal static class SystemEndpoints
{
    public static RouteGroupBuilder MapSystemEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/system", GetSystemAsync).WithName("GetSystem");
        return api;
    }

    public static async Task<Ok<SystemResponse>> GetSystemAsync(
        [FromServices] MachineProbe probe,
        [FromServices] SettingsStore settings,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(settings);
        var measured = await probe.MeasureAsync(cancellationToken);
        var hardware = settings.Current.Hardware;
        var budget = MemoryBudget.From(measured, hardware);
        return TypedResults.Ok(new SystemResponse(
            new SystemRamResponse(measured.RamTotal, measured.RamAvailable),
            [.. measured.Gpus.Select(g => new SystemGpuResponse(g.Name, g.Vram, g.Vendor))],
            measured.UnifiedMemory,
            measured.Os,
            measured.Arch,
            new SystemBudgetResponse(budget.Ram, budget.Vram, budget.UnifiedMemory, hardware != HardwareSettings.Measured)));
    }
}
