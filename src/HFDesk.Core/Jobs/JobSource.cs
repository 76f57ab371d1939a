namespace HFDesk.Core.Jobs;

/// <summary>Who asked for a job: the user (a download), or a LAN client of the Hub endpoint (a pull-through fill).</summary>
internal enum JobSource
{
    Download,

    /// <summary>A file a <c>/hub</c> client asked for that was not on disk: fetched into H while the client streams it.</summary>
    Hub,
}
