using System.Text.Json.Serialization;

namespace Connector.Api;

/// <summary>
/// The documented shape of <c>POST /api/v1/scenarios/{name}/enrollments</c>'s body for the OpenAPI document: exactly one
/// of <c>deal_id</c> or <c>contact_id</c>, and optional <c>variables</c> (every send of the enrollment gets them as vars.*).
/// </summary>
public sealed record ApiEnrollmentBody(
    [property: JsonPropertyName("deal_id")] long? DealId,
    [property: JsonPropertyName("contact_id")] long? ContactId,
    [property: JsonPropertyName("variables")] IReadOnlyDictionary<string, string>? Variables);
