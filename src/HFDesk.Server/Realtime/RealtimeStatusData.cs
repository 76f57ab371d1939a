namespace HFDesk.Server.Realtime;

internal sealed record RealtimeStatusData(string Version, DateTimeOffset Time, IReadOnlyList<JobResponse> Jobs, long SettingsRevision);
