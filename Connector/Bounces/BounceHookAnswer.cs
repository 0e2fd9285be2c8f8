namespace Connector.Bounces;

/// <summary>What <c>POST /hooks/bounces</c> answers: the status and a small JSON body (an <c>error</c> naming the field, or what was recorded).</summary>
public sealed record BounceHookAnswer(int Status, object Body)
{
    public static BounceHookAnswer Error(int status, string error) => new(status, new { error });
}
