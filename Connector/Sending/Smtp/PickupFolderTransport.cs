using Connector.Sending.Composing;

namespace Connector.Sending.Smtp;

/// <summary>
/// Writes each message as <c>.eml</c> into a folder (the sandbox's "relay"): written to a temporary name, then renamed,
/// so a reader never sees half a file. The envelope goes into <c>X-Envelope-From</c>/<c>X-Envelope-To</c> above the
/// signed headers, which DKIM does not cover.
/// </summary>
public sealed class PickupFolderTransport(string folder) : IDeliveryTransport
{
    public async Task<DeliveryResult> SendAsync(ComposedMessage message, string? envelopeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Directory.CreateDirectory(folder);
        var name = $"{Guid.NewGuid():N}.eml";
        var temporary = Path.Combine(folder, "." + name + ".tmp");
        await using (var stream = File.Create(temporary))
        {
            var envelope = $"X-Envelope-From: <{message.EnvelopeFrom.Address}>\r\nX-Envelope-To: <{message.Recipient.Address}>\r\n"
                + (envelopeId is { Length: > 0 } id && id.All(char.IsAsciiLetterOrDigit) ? $"X-Envelope-Id: {id}\r\n" : string.Empty);
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(envelope), cancellationToken);
            await message.Message.WriteToAsync(stream, cancellationToken);
        }

        File.Move(temporary, Path.Combine(folder, name));
        return DeliveryResult.Accepted($"written {name}");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
