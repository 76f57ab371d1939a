using System.Globalization;

namespace HFDesk.Core.Units;

/// <summary>Parses and formats byte counts the way settings and the UI write them ("32MiB", "1.5 GB").</summary>
internal static class ByteSize
{
    private static readonly (string Suffix, long Factor)[] Suffixes =
    [
        ("tib", 1L << 40), ("gib", 1L << 30), ("mib", 1L << 20), ("kib", 1L << 10),
        ("tb", 1_000_000_000_000L), ("gb", 1_000_000_000L), ("mb", 1_000_000L), ("kb", 1_000L),
        ("t", 1L << 40), ("g", 1L << 30), ("m", 1L << 20), ("k", 1L << 10),
        ("b", 1L),
    ];

    private static readonly string[] Units = ["B", "KB", "MB", "GB", "TB", "PB"];

    /// <summary>Parses "32MiB", "512KB", "1GiB", "1.5 GB" or a plain byte count.</summary>
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim().ToLowerInvariant();
        if (s.EndsWith("/s", StringComparison.Ordinal))
        {
            s = s[..^2].TrimEnd();
        }

        long factor = 1;
        foreach (var (suffix, f) in Suffixes)
        {
            if (s.EndsWith(suffix, StringComparison.Ordinal))
            {
                factor = f;
                s = s[..^suffix.Length].TrimEnd();
                break;
            }
        }

        if (!double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            return false;
        }

        var result = value * factor;
        if (result > long.MaxValue)
        {
            return false;
        }

        bytes = (long)Math.Round(result);
        return true;
    }

    /// <summary>Decimal units as the Hub's web pages show sizes: "4.92 GB".</summary>
    public static string Format(long bytes)
    {
        if (bytes < 1000)
        {
            return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        }

        double value = bytes;
        var unit = 0;
        while (value >= 1000 && unit < Units.Length - 1)
        {
            value /= 1000;
            unit++;
        }

        return value.ToString(value >= 100 ? "0" : value >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture) + " " + Units[unit];
    }
}
