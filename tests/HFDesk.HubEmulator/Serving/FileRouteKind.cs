namespace HFDesk.HubEmulator.Serving;

internal enum FileRouteKind
{
    Resolve,
    Raw,
    ResolveCache,
}
