using Microsoft.AspNetCore.DataProtection;

namespace Connector.Crm.Bitrix24.Installs;

/// <summary>Encrypts tokens and application tokens at rest with ASP.NET Core Data Protection (keys in the data folder).</summary>
public sealed class TokenProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("CrmEspBridge.Bitrix24.Tokens.v1");

    public string Protect(string value) => _protector.Protect(value);

    public string? ProtectNullable(string? value) => value is null ? null : _protector.Protect(value);

    public string Unprotect(string value) => _protector.Unprotect(value);

    public string? UnprotectNullable(string? value) => value is null ? null : _protector.Unprotect(value);
}
