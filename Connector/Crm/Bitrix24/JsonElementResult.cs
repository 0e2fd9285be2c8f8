using System.Text.Json;

namespace Connector.Crm.Bitrix24;

/// <summary>The <c>result</c> of a single call with the list extras <c>total</c> and <c>next</c> when present.</summary>
public sealed record JsonElementResult(JsonElement Result, int? Total, int? Next);
