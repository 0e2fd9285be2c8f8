namespace Connector.Sandbox;

/// <summary>What an install POST got back (StatusCode 0 when it never got an answer) and the tokens it carried.</summary>
public sealed record SandboxInstallResult(
    int StatusCode,
    string Body,
    bool Installed,
    string AccessToken,
    string RefreshToken,
    string ApplicationToken);
