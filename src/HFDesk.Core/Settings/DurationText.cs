using System.Globalization;

namespace HFDesk.Core.Settings;

/// <summary>Durations as settings write them: <c>60s</c>, <c>2m</c>, <c>1h</c>, <c>500ms</c>, or plain seconds.</summary>
internal static class DurationText
{
    private static readonly (string Suffix, double Seconds)[] Suffixes =
    [
        ("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600),
    ];

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim().ToLowerInvariant();
        double factor = 1;
        foreach (var (suffix, seconds) in Suffixes)
        {
            if (s.EndsWith(suffix, StringComparison.Ordinal))
            {
                factor = seconds;
                s = s[..^suffix.Length].TrimEnd();
                break;
            }
        }

        if (!double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            return false;
        }

        var total = value * factor;
        // A day is far beyond any sensible stall timeout; larger values are typos, not intent.
        if (total > TimeSpan.FromDays(1).TotalSeconds)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(total);
        return true;
    }
}
