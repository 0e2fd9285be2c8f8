namespace Connector.Sandbox;

/// <summary>
/// The sandbox's users: the admin who installed the app (<see cref="SandboxOptions.WebhookUserId"/>, who owns the seeded
/// records), the sales staff who own the seeded deals and contacts (the seeder assigns owners 1–8, so each of them is a
/// user that user.get answers: a card shows a name, never "user #3"), and a second manager (9) who owns nothing. None but
/// the admin is an admin, so pages can be opened as a manager would see them (<see cref="ManagerId"/>).
/// </summary>
public static class SandboxUsers
{
    public const long ManagerId = 7;
    public const long SecondManagerId = 9;

    public static IReadOnlyList<SandboxUser> Seed(SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        SandboxUser[] staff =
        [
            new SandboxUser(2, "Ирина", "Кузнецова", "irina.kuznetsova@sandbox.example", "Руководитель отдела продаж", IsAdmin: false),
            new SandboxUser(3, "Dmitry", "Volkov", "dmitry.volkov@sandbox.example", "Account manager", IsAdmin: false),
            new SandboxUser(4, "Ольга", "Новикова", "olga.novikova@sandbox.example", "Менеджер по продажам", IsAdmin: false),
            new SandboxUser(5, "Sergey", "Morozov", "sergey.morozov@sandbox.example", "Sales manager", IsAdmin: false),
            new SandboxUser(6, "Мария", "Лебедева", "maria.lebedeva@sandbox.example", "Менеджер по работе с клиентами", IsAdmin: false),
            new SandboxUser(ManagerId, "Анна", "Смирнова", "anna.smirnova@sandbox.example", "Менеджер по продажам", IsAdmin: false),
            new SandboxUser(8, "Alexey", "Sokolov", "alexey.sokolov@sandbox.example", "Key account manager", IsAdmin: false),
            new SandboxUser(SecondManagerId, "Pavel", "Orlov", "pavel.orlov@sandbox.example", "Sales manager", IsAdmin: false),
        ];

        // A configured admin id among the staff's takes that place (an id is one user).
        return [new SandboxUser(options.WebhookUserId, "Sandbox", "Admin", "admin@sandbox.example", "CRM administrator", IsAdmin: true),
            .. staff.Where(u => u.Id != options.WebhookUserId)];
    }
}
