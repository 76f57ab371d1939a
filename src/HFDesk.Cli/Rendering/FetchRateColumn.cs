using System.Globalization;
using HFDesk.Core.Units;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HFDesk.Cli.Rendering;

/// <summary>
/// Speed and time left from the bytes fetched in this run (<see cref="FetchedKey"/> in the task's state), not
/// from the bar's value: a resumed file starts with its bytes on disk, and Spectre's own speed column would count
/// that jump as if it had been downloaded in an instant.
/// </summary>
internal sealed class FetchRateColumn : ProgressColumn
{
    public const string FetchedKey = "fetched";

    protected override bool NoWrap => true;

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        ArgumentNullException.ThrowIfNull(task);
        var fetched = task.State.Get<double>(FetchedKey);
        var seconds = task.ElapsedTime?.TotalSeconds ?? 0;
        if (task.IsFinished || fetched <= 0 || seconds <= 0)
        {
            return new Text("");
        }

        var speed = fetched / seconds;
        var left = TimeSpan.FromSeconds(Math.Min(Math.Max(0, task.MaxValue - task.Value) / speed, TimeSpan.FromDays(1).TotalSeconds));
        var leftText = left.ToString(left.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);
        return new Markup($"{Markup.Escape(ByteSize.Format((long)speed))}/s [grey]{leftText}[/]");
    }
}
