using HFDesk.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace HFDesk.Cli.Rendering;

/// <summary>
/// A warning for the person at the terminal. With <c>--json</c> it goes to stderr, so a script reading stdout still
/// gets only JSON (a hand-edited config or targets file with a bad field must not break <c>cache list --json</c>).
/// </summary>
internal static class CliWarning
{
    public static void Write(IAnsiConsole console, CommandSettings settings, string message)
    {
        if (settings is IJsonOutput { Json: true })
        {
            Console.Error.WriteLine("Warning: " + message);
        }
        else
        {
            console.MarkupLineInterpolated($"[yellow]Warning:[/] {message}");
        }
    }
}
