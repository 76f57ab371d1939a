using System.Globalization;

namespace HFDesk.Server.HubServing;

/// <summary>A single satisfiable byte range, inclusive (RFC 9110 §14.1.2).</summary>
internal readonly record struct HubByteRange(long Start, long End)
{
    public long Length => End - Start + 1;

    /// <summary>
    /// One <c>bytes=a-b</c>, <c>bytes=a-</c> or <c>bytes=-n</c>. Malformed or multi-range headers are ignored (a full
    /// 200, as RFC 9110 allows); <paramref name="unsatisfiable"/> means 416.
    /// </summary>
    public static HubByteRange? Parse(string? header, long total, out bool unsatisfiable)
    {
        unsatisfiable = false;
        if (string.IsNullOrWhiteSpace(header) || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var spec = header[6..].Trim();
        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (spec.Contains(',', StringComparison.Ordinal) || dash < 0)
        {
            return null;
        }

        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        if (first.Length == 0)
        {
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix))
            {
                return null;
            }

            if (suffix == 0 || total == 0)
            {
                unsatisfiable = true;
                return null;
            }

            return new HubByteRange(Math.Max(0, total - suffix), total - 1);
        }

        if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return null;
        }

        var end = total - 1;
        if (last.Length > 0 && (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out end) || end < start))
        {
            return null;
        }

        if (start >= total)
        {
            unsatisfiable = true;
            return null;
        }

        return new HubByteRange(start, Math.Min(end, total - 1));
    }
}
