using System.Text.RegularExpressions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.City;

namespace Dispatcher.Domain.Cases.Intake;

/// <summary>Field-level checks of an intake (R1); an empty result means it may be stored.</summary>
public static partial class IntakeValidator
{
    public const int MaxDescription = 4000;
    public const int MaxAddress = 500;
    public const int MaxName = 100;
    public const int MaxShort = 64;
    public const int MaxAttributes = 20;
    public const int MaxAttributeValue = 200;
    public const int MaxAttachments = 10;
    public const int MaxEmail = 254;

    /// <summary>
    /// Mainland mobile (1[3-9]xxxxxxxxx) or landline with area code, optional +86. ASCII digits only
    /// and nothing after the number (\z, not $, which allows a trailing newline): the public lookup
    /// compares the last four digits as typed on a phone keypad.
    /// </summary>
    [GeneratedRegex(@"^(\+?86[- ]?)?(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})\z")]
    private static partial Regex PhonePattern();

    /// <summary>
    /// One address, nothing around it: MailAddress alone also accepts display names ("Li &lt;a@b.cn&gt;")
    /// and quoted forms, which an SMTP server or an SMS gateway's e-mail field would not take.
    /// </summary>
    private static bool IsEmail(string value) =>
        value.Length <= MaxEmail && EmailPattern().IsMatch(value)
        && System.Net.Mail.MailAddress.TryCreate(value, out var parsed) && parsed.Address == value;

    [GeneratedRegex(@"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+\z")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex SlugPattern();

    public static Dictionary<string, string[]> Validate(CaseIntake? intake, CityDirectory city)
    {
        var errors = new Dictionary<string, string[]>();
        if (intake is null) { errors["body"] = ["A case body is required."]; return errors; }

        Required(errors, "channel", intake.Channel, MaxShort);
        if (!errors.ContainsKey("channel") && !SlugPattern().IsMatch(intake.Channel))
            errors["channel"] = ["Use lower-case letters, digits and '-'."];
        if (Required(errors, "category", intake.Category, MaxShort) && city.FindCategory(intake.Category) is null)
            errors["category"] = [$"Unknown category '{intake.Category}'."];
        if (Required(errors, "district", intake.District, MaxShort) && city.FindDistrict(intake.District) is null)
            errors["district"] = [$"Unknown district '{intake.District}'."];
        Required(errors, "description", intake.Description, MaxDescription);
        Optional(errors, "address", intake.Address, MaxAddress);
        Optional(errors, "originLine", intake.OriginLine, MaxShort);
        if (!Enum.IsDefined(intake.Priority)) errors["priority"] = ["Use normal, high or urgent."];

        var citizen = intake.Citizen;
        if (citizen is not null)
        {
            Optional(errors, "citizen.name", citizen.Name, MaxName);
            if (!string.IsNullOrEmpty(citizen.Phone) && !PhonePattern().IsMatch(citizen.Phone))
                errors["citizen.phone"] = ["Not a phone number: use a mobile (11 digits starting with 1) or a landline with area code."];
            if (!string.IsNullOrEmpty(citizen.Email) && !IsEmail(citizen.Email))
                errors["citizen.email"] = [$"Not an e-mail address (name@domain, at most {MaxEmail} characters)."];
            if (citizen.Language is { } language && !city.CitizenMessages.HasLanguage(language))
                errors["citizen.language"] = [city.CitizenMessages.Templates.Count == 0
                    ? "This city sends no messages; leave the language out."
                    : $"Use one of: {string.Join(", ", city.CitizenMessages.Templates.Keys)}."];
        }

        if (intake.Attributes is { } attributes)
        {
            if (attributes.Count > MaxAttributes) errors["attributes"] = [$"At most {MaxAttributes} attributes."];
            foreach (var (key, value) in attributes)
            {
                if (string.IsNullOrWhiteSpace(key) || key.Length > MaxShort) errors["attributes"] = ["Attribute names must be 1–64 characters."];
                else if (value is null || value.Length > MaxAttributeValue) errors[$"attributes.{key}"] = [$"Must be a string of at most {MaxAttributeValue} characters."];
            }
        }

        if (!errors.ContainsKey("category") && city.FindCategory(intake.Category)?.Attributes is { Length: > 0 } declared)
            DeclaredAttributes(errors, declared, intake.Attributes);

        // NaN and infinities pass every comparison test: check they are finite first.
        if (intake.Latitude is { } lat && !(double.IsFinite(lat) && lat is >= -90 and <= 90)) errors["lat"] = ["Latitude must be a number between -90 and 90."];
        if (intake.Longitude is { } lon && !(double.IsFinite(lon) && lon is >= -180 and <= 180)) errors["long"] = ["Longitude must be a number between -180 and 180."];
        if (intake.AttachmentUrls is { } urls)
        {
            if (urls.Length > MaxAttachments) errors["attachmentUrls"] = [$"At most {MaxAttachments} attachments."];
            else if (urls.Any(u => !Uri.TryCreate(u, UriKind.Absolute, out var uri) || (uri.Scheme != "https" && uri.Scheme != "http")))
                errors["attachmentUrls"] = ["Each attachment must be an absolute http(s) URL."];
        }
        return errors;
    }

    /// <summary>
    /// The category's declared routing attributes (city file, Open311 service definitions): a required
    /// one must be given, and a given one must be one of its values. Undeclared attributes stay free.
    /// </summary>
    private static void DeclaredAttributes(Dictionary<string, string[]> errors, CategoryAttribute[] declared, Dictionary<string, string>? given)
    {
        foreach (var attribute in declared)
        {
            var field = $"attributes.{attribute.Code}";
            if (errors.ContainsKey(field)) continue;
            var value = given?.GetValueOrDefault(attribute.Code);
            if (string.IsNullOrEmpty(value))
            {
                if (attribute.Required) errors[field] = ["Required."];
            }
            else if (attribute.Values is { Length: > 0 } values && !values.Any(v => v.Key == value))
            {
                errors[field] = [$"One of: {string.Join(", ", values.Select(v => v.Key))}."];
            }
        }
    }

    private static bool Required(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) { errors[field] = ["Required."]; return false; }
        if (value.Length > max) { errors[field] = [$"At most {max} characters."]; return false; }
        return true;
    }

    private static void Optional(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        if (value is not null && value.Length > max) errors[field] = [$"At most {max} characters."];
    }
}
