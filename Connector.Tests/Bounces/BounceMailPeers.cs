using System.Diagnostics;
using Connector.Tests.Sending;
using Connector.Tests.TestSupport;

namespace Connector.Tests.Bounces;

/// <summary>
/// The bounce loop's real peers, private to one fixture and started/stopped by pid: a throwaway Postfix (own config,
/// queue and log under a temp folder, loopback port) that relays <c>hardbounce.test</c> and <c>softbounce.test</c> to two
/// rejecting smtp-sinks (550 5.1.1 at RCPT; 452 4.2.2 at RCPT, which with a zero queue lifetime bounces at once), and
/// delivers the DSNs it generates to the VERP domains' Maildirs: <c>bounce@bounces.example.com</c> → user
/// <c>imapbox</c>, <c>bounce@pop.example.com</c> → user <c>popbox</c> (<c>recipient_delimiter = +</c>), which a private
/// Dovecot serves over IMAP and POP3 on loopback ports (plain text, passwd-file).
/// </summary>
internal sealed class BounceMailPeers : IAsyncDisposable
{
    public const string Password = "test-only-Pa55";
    private const int MailUid = 8;
    private SmtpSink? _hardSink;
    private SmtpSink? _softSink;
    private Process? _dovecot;

    private BounceMailPeers(string folder) => Folder = folder;

    public string Folder { get; }

    public int SmtpPort { get; private set; }

    public int ImapPort { get; private set; }

    public int Pop3Port { get; private set; }

    public string Maildir(string user) => Path.Combine(Folder, "vmail", user);

    public static async Task<BounceMailPeers> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "crm-esp-bounces-" + Guid.NewGuid().ToString("N")[..8]);
        var peers = new BounceMailPeers(folder);
        try
        {
            await peers.StartAllAsync();
            return peers;
        }
        catch
        {
            await peers.DisposeAsync();
            throw;
        }
    }

    /// <summary>Drops a message into a user's Maildir (new/), as a local delivery agent would.</summary>
    public async Task DeliverAsync(string user, string message, string name)
    {
        var target = Path.Combine(Maildir(user), "new", $"{name}.fixture");
        await File.WriteAllTextAsync(target, message);
        await ExpectAsync("chown", [$"{MailUid}:{MailUid}", target]);
    }

    /// <summary>Waits (bounded) until the user's Maildir holds <paramref name="count"/> new messages.</summary>
    public async Task WaitForMessagesAsync(string user, int count, CancellationToken cancellationToken)
    {
        var inbox = Path.Combine(Maildir(user), "new");
        while (!Directory.Exists(inbox) || Directory.GetFiles(inbox).Length < count)
        {
            await Task.Delay(100, cancellationToken);
        }
    }

    public string Log => File.Exists(Path.Combine(Folder, "postfix.log")) ? File.ReadAllText(Path.Combine(Folder, "postfix.log")) : "";

    public async ValueTask DisposeAsync()
    {
        await Peers.RunAsync("/bin/sh", ["-c", "postfix -c \"$0\" stop </dev/null >/dev/null 2>&1", Folder]);
        if (_dovecot is not null)
        {
            if (!_dovecot.HasExited)
            {
                _dovecot.Kill(entireProcessTree: true);
                await _dovecot.WaitForExitAsync();
            }

            _dovecot.Dispose();
        }

        if (_hardSink is not null)
        {
            await _hardSink.DisposeAsync();
        }

        if (_softSink is not null)
        {
            await _softSink.DisposeAsync();
        }

        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private async Task StartAllAsync()
    {
        _hardSink = await SmtpSink.StartAsync(dump: false, "-f", "RCPT", "-B", "550 5.1.1 User unknown");
        _softSink = await SmtpSink.StartAsync(dump: false, "-r", "RCPT", "-b", "452 4.2.2 Mailbox full");
        (SmtpPort, ImapPort, Pop3Port) = (TestPorts.Free(), TestPorts.Free(), TestPorts.Free());
        foreach (var dir in new[] { "queue", "data", "vmail", "dovecot/run", "dovecot/state" })
        {
            Directory.CreateDirectory(Path.Combine(Folder, dir));
        }

        // Postfix's virtual agent and Dovecot's mail processes run as uid 8 and must reach the Maildirs.
        await ExpectAsync("chmod", ["755", Folder]);
        await ExpectAsync("chown", ["postfix", Path.Combine(Folder, "data")]);
        foreach (var user in new[] { "imapbox", "popbox", "clibox" })
        {
            foreach (var sub in new[] { "new", "cur", "tmp" })
            {
                Directory.CreateDirectory(Path.Combine(Maildir(user), sub));
            }
        }

        await ExpectAsync("chown", ["-R", $"{MailUid}:{MailUid}", Path.Combine(Folder, "vmail")]);
        await WritePostfixAsync();
        await DaemonAsync("postfix", "-c", Folder, "start");
        await WriteDovecotAsync();
        // Dovecot in the foreground (-F) is this fixture's own child: its pid is known and it is stopped by it.
        var start = new ProcessStartInfo("dovecot") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in new[] { "-F", "-c", Path.Combine(Folder, "dovecot", "dovecot.conf") })
        {
            start.ArgumentList.Add(argument);
        }

        _dovecot = Process.Start(start)!;
        _dovecot.StandardInput.Close();
        await Peers.WaitForPortAsync(ImapPort, _dovecot);
        await Peers.WaitForPortAsync(Pop3Port, _dovecot);
        using var self = Process.GetCurrentProcess();
        await Peers.WaitForPortAsync(SmtpPort, self);
    }

    private async Task WritePostfixAsync()
    {
        var f = Folder;
        await File.WriteAllTextAsync(Path.Combine(f, "main.cf"), $$"""
            compatibility_level = 3.6
            queue_directory = {{f}}/queue
            data_directory = {{f}}/data
            maillog_file_prefixes = {{f}}
            maillog_file = {{f}}/postfix.log
            syslog_name = postfix-crmesp-bounces
            myhostname = mx.bounce.test
            inet_interfaces = 127.0.0.1
            inet_protocols = ipv4
            mydestination =
            relay_domains =
            mynetworks = 127.0.0.0/8
            smtpd_relay_restrictions = permit_mynetworks, reject
            default_transport = discard:
            alias_maps =
            alias_database =
            bounce_queue_lifetime = 0
            maximal_queue_lifetime = 0
            smtp_tls_security_level = none
            virtual_mailbox_domains = bounces.example.com, pop.example.com
            virtual_mailbox_maps = inline:{ bounce@bounces.example.com=imapbox/, bounce@pop.example.com=popbox/ }
            virtual_mailbox_base = {{f}}/vmail
            virtual_uid_maps = static:{{MailUid}}
            virtual_gid_maps = static:{{MailUid}}
            virtual_minimum_uid = {{MailUid}}
            recipient_delimiter = +
            transport_maps = inline:{ hardbounce.test=smtp:[127.0.0.1]:{{_hardSink!.Port}}, softbounce.test=smtp:[127.0.0.1]:{{_softSink!.Port}} }

            """);
        var master = (await File.ReadAllTextAsync("/etc/postfix/master.cf")).Split('\n')
            .Select(line => line.StartsWith("smtp ", StringComparison.Ordinal) && line.Contains(" inet ", StringComparison.Ordinal) ? $"127.0.0.1:{SmtpPort} {line[5..]}" : line);
        await File.WriteAllTextAsync(Path.Combine(f, "master.cf"), string.Join('\n', master));
        await ExpectAsync("postconf", ["-c", f, "-F", "*/*/chroot = n"]);
    }

    private async Task WriteDovecotAsync()
    {
        var d = Path.Combine(Folder, "dovecot");
        await File.WriteAllTextAsync(Path.Combine(d, "users"), $"imapbox:{{PLAIN}}{Password}\npopbox:{{PLAIN}}{Password}\nclibox:{{PLAIN}}{Password}\n");
        await File.WriteAllTextAsync(Path.Combine(d, "dovecot.conf"), $$"""
            base_dir = {{d}}/run
            state_dir = {{d}}/state
            log_path = {{d}}/dovecot.log
            protocols = imap pop3
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            mail_location = maildir:{{Folder}}/vmail/%n
            first_valid_uid = {{MailUid}}
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%n {{d}}/users
            }
            userdb {
              driver = static
              args = uid={{MailUid}} gid={{MailUid}} home={{Folder}}/vmail/%n
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{ImapPort}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service pop3-login {
              inet_listener pop3 {
                address = 127.0.0.1
                port = {{Pop3Port}}
              }
              inet_listener pop3s {
                port = 0
              }
            }

            """);
    }

    // A daemon keeps the pipes it inherited open: started with its output in a file, so the start command returns.
    private async Task DaemonAsync(string file, params string[] arguments) =>
        await ExpectAsync("/bin/sh", ["-c", "log=$1; shift; \"$@\" </dev/null >>\"$log\" 2>&1", "sh", Path.Combine(Folder, "start.log"), file, .. arguments]);

    private static async Task ExpectAsync(string file, string[] arguments)
    {
        var (code, output) = await Peers.RunAsync(file, arguments);
        if (code != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {code}: {output}");
        }
    }
}
