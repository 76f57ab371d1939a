namespace HFDesk.Bench;

/// <summary>
/// One line of the table: a tool's median run in a scenario and, for HFDesk, how many bytes its hasher had to read
/// back from disk because they arrived out of order.
/// </summary>
internal sealed record BenchRow(BenchScenario Scenario, string Tool, Measurement Median, long? BytesRehashed);
