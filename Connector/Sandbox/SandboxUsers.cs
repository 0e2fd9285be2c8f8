namespace Connector.Sandbox;

/// <summary>
/// The sandbox's users: the admin who installed the app (<see cref="SandboxOptions.WebhookUserId"/>, who owns the seeded
/// records) and two sales managers who are not admins, so pages can be opened as a manager would see them.
/// </summary>
public static class SandboxUsers
{
    public const long ManagerId = 7;
    public const long SecondManagerId = 9;

    public static IReadOnlyList<SandboxUser> Seed(SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return
        [
            new SandboxUser(options.WebhookUserId, "Sandbox", "Admin", "admin@sandbox.example", "CRM administrator", IsAdmin: true),
            new SandboxUser(ManagerId, "Анна", "Смирнова", "anna.smirnova@sandbox.example", "Менеджер по продажам", IsAdmin: false),
            new SandboxUser(SecondManagerId, "Pavel", "Orlov", "pavel.orlov@sandbox.example", "Sales manager", IsAdmin: false),
        ];
    }
}
