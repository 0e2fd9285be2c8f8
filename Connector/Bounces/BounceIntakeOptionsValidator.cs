using Microsoft.Extensions.Options;

namespace Connector.Bounces;

/// <summary>Checks <c>Bounces:*</c> at start; each failure names the key, never a secret's value.</summary>
public sealed class BounceIntakeOptionsValidator : IValidateOptions<BounceIntakeOptions>
{
    public ValidateOptionsResult Validate(string? name, BounceIntakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        Mailbox("Bounces:Imap", options.Imap, imap: true, problems);
        Mailbox("Bounces:Pop3", options.Pop3, imap: false, problems);
        if (options.SoftBounceLimit is < 1 or > 1000)
        {
            problems.Add("Bounces:SoftBounceLimit must be between 1 and 1000");
        }

        if (options.FetchInterval < TimeSpan.FromSeconds(10) || options.FetchInterval > TimeSpan.FromDays(1))
        {
            problems.Add("Bounces:FetchInterval must be between 00:00:10 and 1.00:00:00");
        }

        if (options.HookSecret is { } secret && HookSecret.KeyOf(secret) is not { Length: >= 16 })
        {
            problems.Add("Bounces:HookSecret must be at least 16 bytes (plain text, or whsec_ followed by valid base64)");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Mailbox(string key, BounceMailboxOptions mailbox, bool imap, List<string> problems)
    {
        if (!mailbox.Configured)
        {
            return;
        }

        if (mailbox.Host!.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            problems.Add($"{key}:Host must be a host name or address");
        }

        if (mailbox.Port is < 1 or > 65535)
        {
            problems.Add($"{key}:Port must be between 1 and 65535");
        }

        if (string.IsNullOrEmpty(mailbox.User) || string.IsNullOrEmpty(mailbox.Password))
        {
            problems.Add($"{key}:User and {key}:Password are required when {key}:Host is set");
        }

        if (imap && (string.IsNullOrWhiteSpace(mailbox.Folder) || string.IsNullOrWhiteSpace(mailbox.FailedFolder) || mailbox.ProcessedFolder is { Length: 0 }))
        {
            problems.Add($"{key}:Folder and {key}:FailedFolder must not be empty");
        }
    }
}
