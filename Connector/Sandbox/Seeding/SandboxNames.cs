namespace Connector.Sandbox.Seeding;

/// <summary>Russian names with a Latin spelling for e-mail local parts.</summary>
public static class SandboxNames
{
    public static readonly IReadOnlyList<(string Name, string Latin)> MaleNames =
    [
        ("Иван", "ivan"), ("Алексей", "aleksey"), ("Дмитрий", "dmitry"), ("Сергей", "sergey"), ("Андрей", "andrey"),
        ("Михаил", "mikhail"), ("Николай", "nikolay"), ("Павел", "pavel"), ("Артём", "artem"), ("Юрий", "yury"),
    ];

    public static readonly IReadOnlyList<(string Name, string Latin)> FemaleNames =
    [
        ("Анна", "anna"), ("Мария", "maria"), ("Елена", "elena"), ("Ольга", "olga"), ("Наталья", "natalya"),
        ("Татьяна", "tatyana"), ("Ирина", "irina"), ("Светлана", "svetlana"), ("Анастасия", "anastasia"), ("Юлия", "yulia"),
    ];

    public static readonly IReadOnlyList<(string Male, string Female)> Patronymics =
    [
        ("Иванович", "Ивановна"), ("Петрович", "Петровна"), ("Сергеевич", "Сергеевна"), ("Алексеевич", "Алексеевна"),
        ("Николаевич", "Николаевна"), ("Андреевич", "Андреевна"), ("Михайлович", "Михайловна"), ("Викторович", "Викторовна"),
    ];

    public static readonly IReadOnlyList<(string Male, string Female, string Latin)> LastNames =
    [
        ("Иванов", "Иванова", "ivanov"), ("Смирнов", "Смирнова", "smirnov"), ("Кузнецов", "Кузнецова", "kuznetsov"),
        ("Попов", "Попова", "popov"), ("Соколов", "Соколова", "sokolov"), ("Лебедев", "Лебедева", "lebedev"),
        ("Козлов", "Козлова", "kozlov"), ("Новиков", "Новикова", "novikov"), ("Морозов", "Морозова", "morozov"),
        ("Волков", "Волкова", "volkov"), ("Соловьёв", "Соловьёва", "solovyev"), ("Васильев", "Васильева", "vasilyev"),
    ];

    public static readonly IReadOnlyList<string> Domains =
    [
        "mail.ru", "yandex.ru", "gmail.com", "bk.ru", "inbox.ru", "list.ru", "rambler.ru", "example.com", "romashka.ru",
    ];

    public static readonly IReadOnlyList<string> EmailTypes = ["WORK", "HOME", "MAILING", "OTHER"];

    /// <summary>Values a real CRM accumulates: IDN domains, upper case, stray spaces and plain garbage.</summary>
    public static readonly IReadOnlyList<string> Quirky =
    [
        "ivan@почта.рф", "info@пример.рф", "hans@müller.de", "Ivan@MAIL.RU", "  petrov@yandex.ru ",
        "ivan@", "no-at-sign", "a@b@c", "x@-bad-.ru",
    ];

    public static readonly IReadOnlyList<string> DealTitles =
    [
        "Поставка оборудования", "Годовое обслуживание", "Внедрение CRM", "Аренда склада", "Партия товара",
        "Разработка сайта", "Консультация", "Монтаж системы", "Лицензии ПО", "Обучение персонала",
    ];
}
