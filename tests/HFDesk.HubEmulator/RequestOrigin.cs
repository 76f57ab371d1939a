namespace HFDesk.HubEmulator;

public enum RequestOrigin
{
    Hub,
    Cdn,
}
