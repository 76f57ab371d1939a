using HFDesk.Core.Units;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HFDesk.Cli.Rendering;

/// <summary>"144 KB/148 KB" in <see cref="ByteSize"/>'s decimal units, the ones every other line of the CLI and the UI use.</summary>
internal sealed class ByteCountColumn : ProgressColumn
{
    protected override bool NoWrap => true;

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        ArgumentNullException.ThrowIfNull(task);
        var done = ByteSize.Format((long)task.Value);
        return task.IsFinished
            ? new Text(done, new Style(Color.Green))
            : new Markup($"{Markup.Escape(done)}[grey]/[/]{Markup.Escape(ByteSize.Format((long)task.MaxValue))}");
    }
}
