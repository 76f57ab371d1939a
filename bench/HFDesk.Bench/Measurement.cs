namespace HFDesk.Bench;

/// <summary>One timed run of one tool: wall seconds, CPU seconds (user+system), peak resident memory and its stdout.</summary>
internal sealed record Measurement(double WallSeconds, double CpuSeconds, long PeakRssBytes, string Output = "");
