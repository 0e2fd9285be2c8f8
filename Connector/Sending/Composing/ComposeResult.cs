namespace Connector.Sending.Composing;

/// <summary>Either a composed message or the reason there is none (an unusable address, say).</summary>
public sealed record ComposeResult(ComposedMessage? Message, string? Error)
{
    public static ComposeResult Ok(ComposedMessage message) => new(message, null);

    public static ComposeResult Fail(string error) => new(null, error);
}
