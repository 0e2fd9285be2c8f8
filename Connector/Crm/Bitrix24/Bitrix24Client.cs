using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using Refit;

namespace Connector.Crm.Bitrix24;

/// <summary>
/// <see cref="IBitrix24Client"/> over the Refit wire and the "bitrix24" pipeline. Turns every answer and every
/// transport failure into a <see cref="Bitrix24Response{T}"/>; only caller cancellation and programming errors throw.
/// </summary>
public sealed partial class Bitrix24Client(
    IBitrix24Api api,
    Bitrix24LeakyBucket bucket,
    Bitrix24Meters meters,
    IOptions<Bitrix24ClientOptions> options,
    ILogger<Bitrix24Client> logger) : IBitrix24Client
{
    public const int MaxBatchCommands = 50;

    public Task<Bitrix24Response<JsonElementResult>> CallAsync(
        Bitrix24Portal portal, string method, JsonObject parameters, bool idempotent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(portal);
        ArgumentNullException.ThrowIfNull(parameters);
        if (!MethodName().IsMatch(method))
        {
            throw new ArgumentException($"'{method}' is not a Bitrix24 method name.", nameof(method));
        }

        var call = Bitrix24CallInfo.ForMethod(method, idempotent);
        return SendAsync(
            portal,
            call,
            ct => api.CallAsync(method, parameters, portal, call, ct),
            (status, body) => Bitrix24ResponseParser.ParseCall(method, status, body),
            cancellationToken);
    }

    public Task<Bitrix24Response<Bitrix24BatchOutcome>> BatchAsync(
        Bitrix24Portal portal, IReadOnlyList<Bitrix24BatchCommand> commands, bool idempotent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(portal);
        ArgumentNullException.ThrowIfNull(commands);
        if (commands.Count is 0 or > MaxBatchCommands)
        {
            throw new ArgumentException($"A batch takes 1 to {MaxBatchCommands} commands, got {commands.Count}.", nameof(commands));
        }

        var cmd = new Dictionary<string, string>(StringComparer.Ordinal);
        var methods = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var command in commands)
        {
            if (!MethodName().IsMatch(command.Method) || !cmd.TryAdd(command.Key, command.ToCommandString()))
            {
                throw new ArgumentException($"Batch command '{command.Key}' has a bad method or a duplicate key.", nameof(commands));
            }

            methods[command.Key] = command.Method;
        }

        var call = new Bitrix24CallInfo("batch", idempotent, methods);
        return SendAsync(
            portal,
            call,
            ct => api.BatchAsync(new Bitrix24BatchRequest(0, cmd), portal, call, ct),
            Bitrix24ResponseParser.ParseBatch,
            cancellationToken);
    }

    public Bitrix24Counters CountersFor(Bitrix24Portal portal)
    {
        ArgumentNullException.ThrowIfNull(portal);
        return meters.Snapshot(portal.Key);
    }

    public void SetPlan(Bitrix24Portal portal, Bitrix24Plan plan)
    {
        ArgumentNullException.ThrowIfNull(portal);
        ArgumentNullException.ThrowIfNull(plan);
        bucket.SetPlan(portal.Key, plan);
        logger.LogInformation("Bitrix24 {Portal}: plan {Rate}/s burst {Burst}", portal.Key, plan.DrainPerSecond, plan.Burst);
    }

    private async Task<Bitrix24Response<T>> SendAsync<T>(
        Bitrix24Portal portal,
        Bitrix24CallInfo call,
        Func<CancellationToken, Task<HttpResponseMessage>> send,
        Func<int, ReadOnlyMemory<byte>, Bitrix24Response<T>> parse,
        CancellationToken cancellationToken)
    {
        Bitrix24Response<T> result;
        try
        {
            using var response = await send(cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            result = parse((int)response.StatusCode, body);
        }
        catch (Exception ex) when (Unreachable(call, ex, cancellationToken) is { } error)
        {
            result = Bitrix24Response<T>.Fail(error);
        }

        if (result.Error is { } failure)
        {
            // Debug: the caller reports the failure once (a failing portal's sync with backoff, see PortalHealth).
            logger.LogDebug("Bitrix24 {Portal}: {Method} failed: {Error}", portal.Key, call.Method, failure);
        }

        return result;
    }

    /// <summary>Transport failures as values; the exception text is dropped because it may carry the request URL.</summary>
    private Bitrix24Error? Unreachable(Bitrix24CallInfo call, Exception exception, CancellationToken cancellationToken)
    {
        var inner = exception is ApiRequestException { InnerException: { } wrapped } ? wrapped : exception;
        return inner switch
        {
            TimeoutRejectedException => new Bitrix24Error(
                Bitrix24ErrorKind.Unreachable, "TIMEOUT", $"{call.Method}: no answer within {options.Value.AttemptTimeout.TotalSeconds:0.###} s"),
            HttpRequestException http => new Bitrix24Error(
                Bitrix24ErrorKind.Unreachable, "NETWORK", $"{call.Method}: {http.HttpRequestError}"),
            OperationCanceledException when !cancellationToken.IsCancellationRequested => new Bitrix24Error(
                Bitrix24ErrorKind.Unreachable, "TIMEOUT", $"{call.Method}: request cancelled by the HTTP stack"),
            _ => null,
        };
    }

    [GeneratedRegex("^[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*$")]
    private static partial Regex MethodName();
}
