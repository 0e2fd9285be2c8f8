using System.Globalization;
using System.Text.Json.Nodes;
using Connector.Sandbox.Methods;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox;

public sealed partial class SandboxPortal
{
    /// <summary>
    /// Serves one REST request: webhook credentials (401 INVALID_CREDENTIALS), leaky bucket (503), method lookup
    /// (404 ERROR_METHOD_NOT_FOUND), operating limit (429), then the method inside the
    /// <c>{"result":..,"total":..,"next":..,"time":{..}}</c> envelope (_includes/system-errors.md, limits.md).
    /// </summary>
    public SandboxResponse Handle(string userId, string code, string method, JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        lock (_lock)
        {
            _requests++;
            if (userId != Options.WebhookUserId.ToString(CultureInfo.InvariantCulture) || !string.Equals(code, Options.WebhookCode, StringComparison.Ordinal))
            {
                return Failure(SandboxError.InvalidCredentials);
            }

            return Dispatch(method, parameters, appContext: false);
        }
    }

    /// <summary>
    /// Serves one OAuth REST request (<c>{client_endpoint}{method}?auth=..</c>, settings/how-to-call-rest-api/authorization.md):
    /// 401 NO_AUTH_FOUND / invalid_token / expired_token, then the same pipeline as the webhook route.
    /// </summary>
    public SandboxResponse HandleOAuth(string? accessToken, string method, JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        lock (_lock)
        {
            _requests++;
            if (_tokens.Check(accessToken) is { } error)
            {
                return Failure(error);
            }

            _callerExpiresAt = _tokens.ExpiresAt(accessToken!);
            _callerUserId = _tokens.UserOf(accessToken!);
            try
            {
                return Dispatch(method, parameters, appContext: true);
            }
            finally
            {
                _callerExpiresAt = null;
                _callerUserId = null;
            }
        }
    }

    private SandboxResponse Dispatch(string method, JsonObject parameters, bool appContext)
    {
        _appContext = appContext;
        try
        {
            return DispatchCore(method, parameters);
        }
        finally
        {
            _appContext = false;
        }
    }

    private SandboxResponse DispatchCore(string method, JsonObject parameters)
    {
        // A batch is one request for the bucket (limits.md).
        if (Options.RateLimitEnabled && !_bucket.TryAcquire())
        {
            _queryLimitRejections++;
            return Failure(SandboxError.QueryLimit);
        }

        if (!SandboxMethods.TryResolve(method, out var name, out var handler))
        {
            return Failure(SandboxError.MethodNotFound);
        }

        var now = _timeProvider.GetUtcNow();
        if (handler is null)
        {
            _calls[name] = _calls.GetValueOrDefault(name) + 1;
            return BatchMethod.Run(this, parameters, now);
        }

        var (result, time) = Invoke(name, handler, parameters, now);
        if (result.Error is { } error)
        {
            return Failure(error);
        }

        var body = new JsonObject { ["result"] = result.Result };
        if (result.Total is { } total)
        {
            body["total"] = total;
        }

        if (result.Next is { } next)
        {
            body["next"] = next;
        }

        body["time"] = time;
        return new SandboxResponse(200, body);
    }

    /// <summary>Runs one method (also a batch sub-call): operating-limit check, the handler, its simulated cost.</summary>
    internal (SandboxCallResult Result, JsonObject? Time) Invoke(string name, SandboxMethod handler, JsonObject parameters, DateTimeOffset now)
    {
        _calls[name] = _calls.GetValueOrDefault(name) + 1;
        if (_meter.IsBlocked(name, now))
        {
            _operatingLimitRejections++;
            return (SandboxCallResult.Fail(SandboxError.OperationTimeLimit), null);
        }

        SandboxCallResult result;
        try
        {
            result = handler(this, parameters);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException or OverflowException)
        {
            result = SandboxCallResult.Fail(SandboxError.BadRequest(ex.Message));
        }

        var cost = Options.OperatingCostPerCallSeconds + (result.Rows * Options.OperatingCostPerRowSeconds);
        _meter.Charge(name, now, cost);
        return (result, SandboxTime.Build(now, cost, _meter.Operating(name, now), _meter.ResetAt(name, now)));
    }

    private static SandboxResponse Failure(SandboxError error) => new(error.Status, error.ToJson());
}
