namespace HFDesk.Core.Storage;

internal static class PartialFinder
{
    public static IReadOnlyList<StagedFilePaths> Find(string directory, string journalSuffix, string partialSuffix, SearchOption search)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        // Enumerated files are below the directory by construction; links are not followed out of it.
        var options = new EnumerationOptions { RecurseSubdirectories = search == SearchOption.AllDirectories, AttributesToSkip = FileAttributes.ReparsePoint };
        return Directory.EnumerateFiles(directory, "*" + journalSuffix, options)
            .Select(journal =>
            {
                var stem = journal[..^journalSuffix.Length];
                return new StagedFilePaths(stem + partialSuffix, journal, stem);
            })
            .ToList();
    }
}
