using Connector.Sending.Composing;

namespace Connector.Scenarios;

/// <summary>A send the engine asks for: the step, its template and kind; the send key is <see cref="KeyFor"/>.</summary>
public sealed record SendAction(string Step, string Template, MailKind Mail)
{
    public static string KeyFor(string step, long enrollmentId) => $"step:{step}:enrollment:{enrollmentId.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
