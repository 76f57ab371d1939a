using HFDesk.Core.Mirror;
using HFDesk.Core.Settings;

namespace HFDesk.Server.Endpoints;

internal static class DiskEndpoints
{
    public static RouteGroupBuilder MapDiskEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/diskfree", GetDiskFree).WithName("DiskFree");
        return api;
    }

    /// <summary>
    /// Without <c>path</c>: the hub dir H. With it: only a configured root or a folder inside one, judged on
    /// real paths, so the endpoint cannot be used to probe the rest of the machine.
    /// </summary>
    public static Results<Ok<DiskFreeResponse>, BadRequest<ErrorEnvelope>> GetDiskFree(string? path, [FromServices] SettingsStore settings, [FromServices] MirrorTargetStore mirrorTargets)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(mirrorTargets);
        var roots = settings.Roots;
        string target;
        if (string.IsNullOrWhiteSpace(path))
        {
            target = roots.HubDir;
        }
        else if (!Path.IsPathFullyQualified(path.Trim()) || !roots.Contains(path.Trim(), mirrorTargets.Targets.Select(t => t.Path)))
        {
            return TypedResults.BadRequest(ErrorEnvelope.Create(
                ApiErrorCodes.BadRequest,
                "Path not allowed",
                "path must be a configured root (hub dir, cacheDir, localDir, localScanDirs, mirror targets) or a folder inside one"));
        }
        else
        {
            target = Path.GetFullPath(path.Trim());
        }

        var (free, total) = MeasureVolume(target);
        return TypedResults.Ok(new DiskFreeResponse(target, free, total, roots.CacheDir, roots.HubDir, roots.HubDirSourceText));
    }

    private static (long Free, long Total) MeasureVolume(string path)
    {
        // The cache may not exist yet; the volume it will live on is that of its nearest existing ancestor.
        var existing = path;
        while (!Directory.Exists(existing))
        {
            var parent = Path.GetDirectoryName(existing);
            if (parent is null)
            {
                return (0, 0);
            }

            existing = parent;
        }

        try
        {
            var drive = new DriveInfo(existing);
            return (drive.AvailableFreeSpace, drive.TotalSize);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return (0, 0);
        }
    }
}
