namespace Connector.Webhooks;

/// <summary>Why a subscriber's URL or events are refused: the field (<c>url</c>, <c>events</c>) and why.</summary>
public sealed record WebhookSubscriptionProblem(string Field, string Detail);
