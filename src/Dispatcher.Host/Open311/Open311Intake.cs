using System.Globalization;
using System.Security.Claims;
using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.City;
using Dispatcher.Host.Security;
using Microsoft.Extensions.Primitives;

namespace Dispatcher.Host.Open311;

/// <summary>
/// A create request's form → the same intake command POST /api/cases sends (the case grain's intake
/// planner then validates, routes, merges and transfers it). What is Open311's own is done here: the
/// api_key, the location (lat/long → district), attribute[code] arguments and the citizen's names.
/// </summary>
public static class Open311Intake
{
    /// <summary>The channel every Open311 intake is recorded under.</summary>
    public const string Channel = "open311";

    /// <summary>
    /// The caller the form's api_key stands for, found as the API-key handler finds a header key: a
    /// channel's or a partner line's key; anything else (none, unknown, another role) is a 403.
    /// </summary>
    public static ClaimsPrincipal Caller(IReadOnlyDictionary<string, StringValues> form, ApiKeyStore keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var key = Argument(form, "api_key");
        var entry = key is null ? null : keys.Find(key);
        if (entry is null) throw new Open311Exception(StatusCodes.Status403Forbidden, key is null ? "api_key is required to create a request." : "Invalid api_key received.");
        if (entry.Role is not (Roles.Channel or Roles.Partner))
            throw new Open311Exception(StatusCodes.Status403Forbidden, "This api_key may not create requests: use a channel's or a partner line's key.");
        return ApiKeyAuthenticationHandler.PrincipalFor(entry);
    }

    public static SubmitCase Command(IReadOnlyDictionary<string, StringValues> form, Actor actor, CityDirectory city)
    {
        ArgumentNullException.ThrowIfNull(city);
        var attributes = Attributes(form);
        var lat = Coordinate(form, "lat");
        var lon = Coordinate(form, "long");
        if ((lat is null) != (lon is null)) throw Open311Exception.BadArgument(lat is null ? "lat" : "long", "Send lat and long together.");
        var address = Argument(form, "address_string");
        if (lat is null && address is null)
        {
            throw Argument(form, "address_id") is null
                ? Open311Exception.BadArgument("lat", "A location is required: lat and long, or address_string.")
                : Open311Exception.BadArgument("address_id", "This jurisdiction has no address ids: send lat and long, or address_string.");
        }

        var district = attributes.Remove(Open311Fields.DistrictAttribute, out var named) ? named : Locate(city, lat, lon);
        var name = string.Join(' ', new[] { Argument(form, "first_name"), Argument(form, "last_name") }.Where(n => n is not null));
        var media = Argument(form, "media_url");
        var intake = new CaseIntake(Channel, Argument(form, "service_code") ?? "", district, address, Argument(form, "description") ?? "",
            attributes, new CitizenContact(name.Length == 0 ? null : name, Argument(form, "phone"), Argument(form, "email")), CasePriority.Normal,
            OriginLine: null, Latitude: lat, Longitude: lon, AttachmentUrls: media is null ? null : [media]);
        return new SubmitCase(actor, intake);
    }

    /// <summary>An argument's value; an empty one means the same as an absent one (Open311).</summary>
    public static string? Argument(IReadOnlyDictionary<string, StringValues> form, string name)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.TryGetValue(name, out var values) && values.ToString() is { } text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
    }

    /// <summary>The district a location lies in (Domain's <see cref="DistrictLocator"/>); a clear 400 outside the city.</summary>
    private static string Locate(CityDirectory city, double? lat, double? lon)
    {
        if (lat is not { } la || lon is not { } lo)
            throw Open311Exception.BadArgument(Open311Fields.Attribute(Open311Fields.DistrictAttribute),
                "Required when no lat and long are given: one of " + string.Join(", ", city.Districts.Select(d => d.Id)) + ".");
        return DistrictLocator.Locate(city, la, lo)?.Id
            ?? throw Open311Exception.BadArgument("lat", $"The location ({la.ToString(CultureInfo.InvariantCulture)}, {lo.ToString(CultureInfo.InvariantCulture)}) is outside every district of {city.Name}.");
    }

    private static double? Coordinate(IReadOnlyDictionary<string, StringValues> form, string name)
    {
        if (Argument(form, name) is not { } text) return null;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw Open311Exception.BadArgument(name, "Must be a number in WGS84 degrees, e.g. 34.7856.");
    }

    /// <summary>attribute[code]=value, and attribute[code][]=value for a multi-value list (its values joined by commas).</summary>
    private static Dictionary<string, string> Attributes(IReadOnlyDictionary<string, StringValues> form)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in form)
        {
            if (!key.StartsWith(Open311Fields.AttributePrefix, StringComparison.Ordinal)) continue;
            var code = key.EndsWith("][]", StringComparison.Ordinal) ? key[Open311Fields.AttributePrefix.Length..^3]
                : key.EndsWith(']') ? key[Open311Fields.AttributePrefix.Length..^1] : null;
            if (string.IsNullOrEmpty(code) || code.Contains('[', StringComparison.Ordinal) || code.Contains(']', StringComparison.Ordinal))
                throw Open311Exception.BadArgument(Open311Texts.Echo(key), "Write attributes as attribute[code]=value.");
            var given = values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToArray();
            if (given.Length > 0) attributes[code] = string.Join(',', given);
        }
        return attributes;
    }
}
