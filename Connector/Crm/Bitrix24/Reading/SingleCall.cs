using System.Text.Json;

namespace Connector.Crm.Bitrix24.Reading;

/// <summary>A one-off command riding in a batch (dictionaries, app.info); its handler sees the result or the error.</summary>
public sealed record SingleCall(string Method, string Query, Func<JsonElement?, Bitrix24Error?, CancellationToken, ValueTask> Handle);
