using System.Text.Json.Serialization;

namespace Connector.Web.UiSession;

[JsonSerializable(typeof(UiCaller))]
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
internal sealed partial class UiSessionJson : JsonSerializerContext;
