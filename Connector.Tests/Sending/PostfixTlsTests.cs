using System.Security.Cryptography.X509Certificates;
using Connector.Sending.Smtp;

namespace Connector.Tests.Sending;

/// <summary>STARTTLS against a private Postfix instance (scripts/peers/postfix-tls.sh) with Debian's snakeoil certificate.</summary>
[Category("Peers")]
[NonParallelizable]
public sealed class PostfixTlsTests
{
    private const string SnakeoilPath = "/etc/ssl/certs/ssl-cert-snakeoil.pem";
    private string _folder = "";
    private int _port;

    [OneTimeSetUp]
    public async Task StartPostfix()
    {
        _folder = Path.Combine(Path.GetTempPath(), "crm-esp-postfix-" + Guid.NewGuid().ToString("N")[..8]);
        _port = Peers.FreePort();
        var (code, output) = await Peers.RunAsync(Peers.Script("postfix-tls.sh"), ["start", _folder, _port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.That(code, Is.Zero, output);
        using var probe = System.Diagnostics.Process.GetCurrentProcess();
        await Peers.WaitForPortAsync(_port, probe);
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
        });
        var result = await transport.SendAsync(rig.Composer.Compose(SendingRig.SampleLetter, SendingRig.Anna, SendingRig.Campaign).Message!, null, CancellationToken.None);
        var log = await WaitForLogAsync("TLS connection established");
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(DeliveryStatus.Accepted), result.Detail);
            Assert.That(log, Does.Contain("TLS connection established"));
        });
    }

    [Test]
    public async Task SendAsync_StartTlsUntrustedCertificate_ConnectionFailure()
    {
        using var rig = new SendingRig();
        await using var transport = new SmtpDeliveryTransport(new SmtpOptions { Host = "127.0.0.1", Port = _port, Security = SmtpSecurity.StartTls });
        var result = await transport.SendAsync(rig.Composer.Compose(SendingRig.SampleLetter, SendingRig.Anna, SendingRig.Campaign).Message!, null, CancellationToken.None);
        Assert.That(result.Status, Is.EqualTo(DeliveryStatus.ConnectionFailure), result.Detail);
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
