namespace Connector.Cli;

/// <summary>
/// Splits the command line: <c>--Section:Key=value</c> (or <c>--Section:Key value</c>) and <c>--urls</c> go to
/// configuration, the rest to the verb parser.
/// </summary>
public static class ConfigArgs
{
    public static (string[] Verb, string[] Config) Split(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var verb = new List<string>();
        var config = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var name = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..].Split('=', 2)[0] : null;
            if (name is null || !(name.Contains(':', StringComparison.Ordinal) || name.Equals("urls", StringComparison.OrdinalIgnoreCase)))
            {
                verb.Add(arg);
                continue;
            }

            if (arg.Contains('=', StringComparison.Ordinal))
            {
                config.Add(arg);
            }
            else if (i + 1 < args.Count)
            {
                config.Add($"{arg}={args[++i]}");
            }
            else
            {
                config.Add($"{arg}=");
            }
        }

        return (verb.ToArray(), config.ToArray());
    }
}
