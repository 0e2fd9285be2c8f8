using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Connector.Tests.Web.Settings;

/// <summary>Calls <c>/api/ui/settings/*</c> with a session token (or none) and reads the answer as JSON.</summary>
internal static class SettingsClient
{
    public static async Task<(int Status, JsonElement Json, string Text, HttpResponseMessage Response)> SendAsync(
        Uri baseUrl, HttpMethod method, string path, string? token, string? json = null, string? csv = null, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(method, "api/ui/settings/" + path.TrimStart('/'));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        else if (csv is not null)
        {
            request.Content = new StringContent(csv, Encoding.UTF8, "text/csv");
        }

        var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var parsed = text.Length > 0 && (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) ?? false)
            ? JsonDocument.Parse(text).RootElement.Clone()
            : default;
        return ((int)response.StatusCode, parsed, text, response);
    }

    /// <summary>The field a ProblemDetails names.</summary>
    public static string? Field(JsonElement problem) => problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("field", out var f) ? f.GetString() : null;
}
