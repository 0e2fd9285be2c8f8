using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Connector.Scenarios;

namespace Connector.Api;

/// <summary>A checked enrollment request: the deal or contact and the variables; <see cref="Fingerprint"/> tells two bodies apart for Idempotency-Key.</summary>
public sealed record ApiEnrollmentRequest(SubjectKind Subject, long SubjectId, IReadOnlyDictionary<string, string?> Variables)
{
    public string Field => Subject == SubjectKind.Deal ? "deal_id" : "contact_id";

    public string Fingerprint() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
    {
        subject = Field, id = SubjectId, variables = Variables.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => new[] { v.Key, v.Value }),
    }))));
}
