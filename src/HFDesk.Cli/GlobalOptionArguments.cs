namespace HFDesk.Cli;

/// <summary>
/// Lets the options every command takes come before the command (<c>hfdesk --endpoint URL search x</c>), as
/// api.md promises: Spectre.Console.Cli only binds options after their command, so they are moved there.
/// </summary>
internal static class GlobalOptionArguments
{
    private static readonly string[] WithValue = ["--cache-dir", "--local-dir", "--endpoint", "--token", "--data-dir"];

    // Commands whose first argument is a subcommand: their options go after it.
    private static readonly string[] Branches = ["cache"];

    public static string[] Reorder(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var globals = new List<string>();
        var i = 0;
        while (i < args.Count)
        {
            var arg = args[i];
            if (WithValue.Contains(arg, StringComparer.Ordinal) && i + 1 < args.Count)
            {
                globals.Add(arg);
                globals.Add(args[i + 1]);
                i += 2;
            }
            else if (WithValue.Any(o => arg.StartsWith(o + "=", StringComparison.Ordinal)))
            {
                globals.Add(arg);
                i++;
            }
            else
            {
                break;
            }
        }

        // Nothing moved, or only options: the default command (serve) takes them where they are.
        if (globals.Count == 0 || i >= args.Count || args[i].StartsWith('-'))
        {
            return [.. args];
        }

        var command = new List<string> { args[i++] };
        if (Branches.Contains(command[0], StringComparer.Ordinal) && i < args.Count && !args[i].StartsWith('-'))
        {
            command.Add(args[i++]);
        }

        return [.. command, .. globals, .. args.Skip(i)];
    }
}
