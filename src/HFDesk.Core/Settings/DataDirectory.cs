namespace HFDesk.Core.Settings;

/// <summary>Where HFDesk keeps its own config and state (not the HF cache).</summary>
internal static class DataDirectory
{
    public const string ConfigFileName = "config.json";

    /// <summary>CLI <c>--data-dir</c>, else <c>HFDESK_DATA_DIR</c>, else the platform's per-user config folder.</summary>
    public static string Resolve(string? cliDataDir, HfEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(cliDataDir))
        {
            return Path.GetFullPath(environment.ExpandHome(cliDataDir.Trim()));
        }

        if (environment.GetPath(HfEnvironment.HfDeskDataDir) is { } fromEnv)
        {
            return Path.GetFullPath(fromEnv);
        }

        if (OperatingSystem.IsWindows())
        {
            var appData = environment.Get(HfEnvironment.AppData)
                ?? Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData);
            return Path.Combine(appData, "HFDesk");
        }

        if (OperatingSystem.IsMacOS())
        {
            return Path.Combine(environment.UserHome, "Library", "Application Support", "HFDesk");
        }

        var configHome = environment.GetPath(HfEnvironment.XdgConfigHome) ?? Path.Combine(environment.UserHome, ".config");
        return Path.Combine(configHome, "hfdesk");
    }
}
