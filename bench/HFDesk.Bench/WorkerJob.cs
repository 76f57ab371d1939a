using System.Globalization;

namespace HFDesk.Bench;

/// <summary>One line of a worker list: <c>url \t size \t sha256|- \t etag|- \t output path</c>.</summary>
internal sealed record WorkerJob(Uri Url, long Size, string? Sha256, string? Etag, string OutputPath)
{
    public string ToLine() => string.Join('\t', Url.AbsoluteUri, Size.ToString(CultureInfo.InvariantCulture), Sha256 ?? "-", Etag ?? "-", OutputPath);

    public static WorkerJob Parse(string line)
    {
        var cells = line.Split('\t');
        if (cells.Length != 5)
        {
            throw new FormatException($"Expected 5 tab-separated cells: {line}");
        }

        return new WorkerJob(
            new Uri(cells[0]),
            long.Parse(cells[1], CultureInfo.InvariantCulture),
            cells[2] == "-" ? null : cells[2],
            cells[3] == "-" ? null : cells[3],
            cells[4]);
    }
}
