using HFDesk.Cli.Rendering;
using HFDesk.Core.Settings;
using Spectre.Console;

namespace HFDesk.Cli.Commands;

/// <summary>What the cache commands share: the settings store built from the flags.</summary>
internal static class CacheCommandContext
{
    /// <summary>The settings of this run, or null after reporting a bad flag value.</summary>
    public static SettingsStore? TryOpenSettings(CommonSettings settings, IAnsiConsole console)
    {
        try
        {
            var store = SettingsStore.Open(settings.ToSettingsOverrides(), HfEnvironment.FromProcess());
            if (store.LoadWarning is { } warning)
            {
                CliWarning.Write(console, settings, warning);
            }

            return store;
        }
        catch (ArgumentException ex)
        {
            console.MarkupLineInterpolated($"[red]Error:[/] {ex.Message}");
            return null;
        }
    }
}
