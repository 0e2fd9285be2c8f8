using Connector.Tests.TestSupport;
using System.Security.Cryptography.X509Certificates;
using Connector.Sending.Smtp;

namespace Connector.Tests.Sending;

/// <summary>
/// STARTTLS, SMTPS (TLS from the first byte) and AUTH against a private Postfix instance (scripts/peers/postfix-tls.sh)
/// with Debian's snakeoil certificate; its AUTH port relays only for an authenticated client (Cyrus SASL, sasldb).
/// </summary>
[Category("Peers")]
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class PostfixTlsTests
{
    private const string SnakeoilPath = "/etc/ssl/certs/ssl-cert-snakeoil.pem";
    private const string User = "mailer";
    private const string Password = "test-only-Pa55";
    private string _folder = "";
    private int _port;
    private int _smtpsPort;
    private int _authPort;

    [OneTimeSetUp]
    public async Task StartPostfix()
    {
        _folder = Path.Combine(Path.GetTempPath(), "crm-esp-postfix-" + Guid.NewGuid().ToString("N")[..8]);
        (_port, _smtpsPort, _authPort) = (TestPorts.Free(), TestPorts.Free(), TestPorts.Free());
        var ports = new[] { _port, _smtpsPort, _authPort }.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var (code, output) = await Peers.RunAsync(Peers.Script("postfix-tls.sh"), ["start", _folder, .. ports, User, Password]);
        Assert.That(code, Is.Zero, output);
        using var probe = System.Diagnostics.Process.GetCurrentProcess();
        foreach (var port in new[] { _port, _smtpsPort, _authPort })
        {
            await Peers.WaitForPortAsync(port, probe);
        }
    }

    [OneTimeTearDown]
    public async Task StopPostfix()
    {
        await Peers.RunAsync(Peers.Script("postfix-tls.sh"), ["stop", _folder]);
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task SendAsync_StartTlsWithPinnedCertificate_AcceptedOverTls()
    {
        using var pinned = X509Certificate2.CreateFromPem(File.ReadAllText(SnakeoilPath));
        using var rig = new SendingRig();
        await using var transport = new SmtpDeliveryTransport(new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = _port,
            Security = SmtpSecurity.StartTls,
            CertificateValidation = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == pinned.GetCertHashString(),
        }, TimeProvider.System);
        var result = await transport.SendAsync(rig.Composer.Compose(SendingRig.SampleLetter, SendingRig.Anna, SendingRig.Campaign).Message!, null, TestContext.CurrentContext.CancellationToken);
        var log = await WaitForLogAsync("TLS connection established");
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(DeliveryStatus.Accepted), result.Detail);
            Assert.That(log, Does.Contain("TLS connection established"));
        });
    }

    [Test]
    public async Task SendAsync_StartTlsUntrustedCertificate_Unreachable()
    {
        using var rig = new SendingRig();
        await using var transport = new SmtpDeliveryTransport(new SmtpOptions { Host = "127.0.0.1", Port = _port, Security = SmtpSecurity.StartTls }, TimeProvider.System);
        var result = await transport.SendAsync(rig.Composer.Compose(SendingRig.SampleLetter, SendingRig.Anna, SendingRig.Campaign).Message!, null, TestContext.CurrentContext.CancellationToken);
        Assert.That(result.Status, Is.EqualTo(DeliveryStatus.Unreachable), result.Detail);
    }

    [Test]
    public async Task SendAsync_SslOnConnectWithPinnedCertificate_AcceptedOverTls()
    {
        using var rig = new SendingRig();
        await using var transport = new SmtpDeliveryTransport(Options(_smtpsPort, SmtpSecurity.SslOnConnect), TimeProvider.System);
        var result = await transport.SendAsync(rig.Composer.Compose(SendingRig.SampleLetter, SendingRig.Anna, SendingRig.Campaign).Message!, null, TestContext.CurrentContext.CancellationToken);
        var log = await WaitForLogAsync($":{_smtpsPort}");
        Assert.That(result.Status, Is.EqualTo(DeliveryStatus.Accepted), result.Detail + log);
    }

    [Test]
    public async Task SendAsync_AuthWithItsCredentials_AcceptedAsThatUser()
    {
        using var rig = new SendingRig();
        await using var transport = new SmtpDeliveryTransport(Options(_authPort, SmtpSecurity.StartTls) with { User = User, Password = Password }, TimeProvider.System);
        var result = await transport.SendAsync(rig.Composer.Compose(SendingRig.SampleLetter, SendingRig.Anna, SendingRig.Campaign).Message!, null, TestContext.CurrentContext.CancellationToken);
        var log = await WaitForLogAsync($"sasl_username={User}");
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(DeliveryStatus.Accepted), result.Detail);
            Assert.That(log, Does.Contain("sasl_method=PLAIN").Or.Contain("sasl_method=LOGIN"));
        });
    }

    [Test]
    public async Task SendAsync_AuthWithAWrongPassword_UnreachableNamingNoSecret()
    {
        using var rig = new SendingRig();
        await using var transport = new SmtpDeliveryTransport(Options(_authPort, SmtpSecurity.StartTls) with { User = User, Password = "wrong-Pa55" }, TimeProvider.System);
        var result = await transport.SendAsync(rig.Composer.Compose(SendingRig.SampleLetter, SendingRig.Anna, SendingRig.Campaign).Message!, null, TestContext.CurrentContext.CancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(DeliveryStatus.Unreachable), result.Detail);
            Assert.That(result.Detail, Does.Not.Contain("wrong-Pa55"));
        });
    }

    [Test]
    public async Task SendAsync_AuthPortWithoutCredentials_RelayRefused()
    {
        using var rig = new SendingRig();
        await using var transport = new SmtpDeliveryTransport(Options(_authPort, SmtpSecurity.StartTls), TimeProvider.System);
        var result = await transport.SendAsync(rig.Composer.Compose(SendingRig.SampleLetter, SendingRig.Anna, SendingRig.Campaign).Message!, null, TestContext.CurrentContext.CancellationToken);
        Assert.That((result.Status, result.EnhancedCode), Is.EqualTo((DeliveryStatus.PolicyBlock, "5.7.1")), result.Detail);
    }

    private static SmtpOptions Options(int port, SmtpSecurity security)
    {
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(SnakeoilPath));
        var pinned = certificate.GetCertHashString();
        return new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = port,
            Security = security,
            CertificateValidation = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == pinned,
        };
    }

    private async Task<string> WaitForLogAsync(string text)
    {
        var path = Path.Combine(_folder, "postfix.log");
        for (var i = 0; i < 50; i++)
        {
            var log = File.Exists(path) ? await File.ReadAllTextAsync(path) : "";
            if (log.Contains(text, StringComparison.Ordinal))
            {
                return log;
            }

            await Task.Delay(100);
        }

        return File.Exists(path) ? await File.ReadAllTextAsync(path) : "(no log)";
    }
}
