namespace HFDesk.Bench;

internal sealed record BenchRow(BenchScenario Scenario, string Tool, Measurement Median);
