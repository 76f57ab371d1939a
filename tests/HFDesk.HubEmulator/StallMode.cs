namespace HFDesk.HubEmulator;

public enum StallMode
{
    /// <summary>Send nothing at all (not even the status line) for the duration, then answer normally.</summary>
    BeforeHeaders,

    /// <summary>Send status and headers, then no body bytes for the duration, then the body.</summary>
    AfterHeaders,
}
