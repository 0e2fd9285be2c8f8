using System.Text.Json.Nodes;
using Refit;

namespace Connector.Crm.Bitrix24;

/// <summary>
/// Raw Refit surface. Answers come back as <see cref="HttpResponseMessage"/> so that HTML or garbage bodies are
/// parsed by <see cref="Bitrix24ResponseParser"/> into values instead of Refit deserialisation exceptions.
/// The base address is a placeholder that <see cref="Bitrix24AuthHandler"/> rewrites per portal.
/// Use <see cref="IBitrix24Client"/>; this interface is the wire only.
/// </summary>
public interface IBitrix24Api
{
    [Post("/{method}")]
    Task<HttpResponseMessage> CallAsync(
        string method,
        [Body] JsonObject parameters,
        [Property(Bitrix24RequestOptions.PortalKey)] Bitrix24Portal portal,
        [Property(Bitrix24RequestOptions.CallKey)] Bitrix24CallInfo callInfo,
        CancellationToken cancellationToken);

    [Post("/batch")]
    Task<HttpResponseMessage> BatchAsync(
        [Body] Bitrix24BatchRequest request,
        [Property(Bitrix24RequestOptions.PortalKey)] Bitrix24Portal portal,
        [Property(Bitrix24RequestOptions.CallKey)] Bitrix24CallInfo callInfo,
        CancellationToken cancellationToken);
}
