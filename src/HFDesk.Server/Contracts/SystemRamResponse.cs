namespace HFDesk.Server.Contracts;

/// <param name="Total">Physical RAM in bytes.</param>
/// <param name="Available">What the OS could hand out now, when it says.</param>
internal sealed record SystemRamResponse(long Total, long? Available);
