namespace Connector.Sending.Settings;

/// <summary>Section <c>Dkim</c>: the signing domain (<c>d=</c>, default the From domain) and the folder of the keys.</summary>
public sealed record DkimOptions
{
    public const string Section = "Dkim";

    public string? Domain { get; init; }

    public string KeyFolder { get; init; } = "data/dkim";
}
