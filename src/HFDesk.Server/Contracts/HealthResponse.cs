namespace HFDesk.Server.Contracts;

/// <param name="Status">Always "ok" while the server answers.</param>
/// <param name="Version">HFDesk version (x.y.z).</param>
/// <param name="Time">UTC, serialized RFC 3339 with a Z.</param>
internal sealed record HealthResponse(string Status, string Version, DateTime Time);
