namespace Dispatcher.Host.Open311;

/// <summary>
/// Our intake's field names (as the intake decision reports them) → the Open311 arguments a client
/// sent, so a field-level error names what the client can fix.
/// </summary>
public static class Open311Fields
{
    public const string AttributePrefix = "attribute[";

    /// <summary>The attribute that names the district outright (it wins over lat/long).</summary>
    public const string DistrictAttribute = "district";

    public static string ArgumentFor(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field switch
        {
            "category" => "service_code",
            "district" => Attribute(DistrictAttribute),
            "address" => "address_string",
            "citizen.name" => "first_name",
            "citizen.phone" => "phone",
            "citizen.email" => "email",
            "attachmentUrls" => "media_url",
            "attributes" => "attribute",
            "originLine" => "api_key",
            _ when field.StartsWith("attributes.", StringComparison.Ordinal) => Attribute(field["attributes.".Length..]),
            _ => field,
        };
    }

    public static string Attribute(string code) => $"{AttributePrefix}{code}]";
}
