using Connector.Scenarios;

namespace Connector.Crm.Bitrix24.Automation.Robot;

/// <summary>
/// The robot's property values as the admin set them (manifest: template, delay, kind): the template (required), the
/// delay (empty or "0" = none, else a scenario duration such as 2h, 1d, 1d12h) and the kind (marketing, the default,
/// or transactional); <see cref="Refused"/> names the first bad one.
/// </summary>
public sealed record RobotProperties(string Template, bool Transactional, TimeSpan Delay, string DelayText, string? Refused)
{
    public static RobotProperties Read(Bitrix24RobotForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var template = form.Property("template");
        var kind = form.Property("kind").ToLowerInvariant();
        var delayText = form.Property("delay");
        var delay = delayText is "" or "0" ? TimeSpan.Zero : ScenarioDuration.Parse(delayText);
        var refused = template.Length == 0 ? "missing_template"
            : kind is not ("" or "marketing" or "transactional") ? "bad_kind"
            : delay is null ? "bad_delay"
            : null;
        return new RobotProperties(template, kind == "transactional", delay ?? TimeSpan.Zero, delayText, refused);
    }
}
