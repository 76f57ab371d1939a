namespace HFDesk.Bench;

/// <summary>One timed run of one tool: wall seconds, CPU seconds (user+system) and peak resident memory.</summary>
internal sealed record Measurement(double WallSeconds, double CpuSeconds, long PeakRssBytes);
