using System.ComponentModel;
using System.Diagnostics;

namespace HFDesk.Cli.Platform;

/// <summary>Opens a URL in the user's browser, where there is a desktop to open it on.</summary>
internal static class BrowserLauncher
{
    /// <summary>Windows and macOS always have a desktop session for an interactive user; Linux only with X11 or Wayland.</summary>
    public static bool HasDisplay =>
        OperatingSystem.IsWindows()
        || OperatingSystem.IsMacOS()
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY"));

    public static bool TryOpen(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        try
        {
            var start = OperatingSystem.IsWindows()
                ? new ProcessStartInfo(url.AbsoluteUri) { UseShellExecute = true }
                : new ProcessStartInfo(OperatingSystem.IsMacOS() ? "open" : "xdg-open", url.AbsoluteUri) { UseShellExecute = false };
            using var process = Process.Start(start);
            return process is not null;
        }
        catch (Win32Exception)
        {
            // No browser or opener installed: the printed URL is enough.
            return false;
        }
    }
}
