namespace HFDesk.Core.Downloads;

/// <summary>The server answered a Range request with 200 and the whole body: the file restarts as one plain stream.</summary>
internal sealed class RangeNotHonouredException() : Exception("The server ignored the Range header (200 instead of 206)");
