using Dispatcher.Domain.City;

namespace Dispatcher.Host.Open311;

/// <summary>
/// Services are the city catalogue's categories (CityDirectory): service_code = category id; a
/// category with routing attributes has metadata=true and a definition listing them as
/// singlevaluelists. Answering a consultation at first contact is a call-taker's act, not a service.
/// </summary>
public static class Open311Services
{
    public static Open311Document List(CityDirectory city)
    {
        ArgumentNullException.ThrowIfNull(city);
        return new("services", new Open311List("service", city.Categories.Select(c => (Open311Value)Open311Object.Of(
            ("service_code", c.Id),
            ("service_name", c.Name),
            ("description", c.Name),
            ("metadata", (c.Attributes?.Length ?? 0) > 0),
            ("type", "realtime"),
            ("keywords", string.Join(',', c.Keywords ?? [])),
            ("group", c.Group))).ToArray()));
    }

    /// <summary>The category's routing attributes, in the city file's order (order = 1, 2, …); 404 for an unknown code.</summary>
    public static Open311Document Definition(CityDirectory city, string serviceCode)
    {
        ArgumentNullException.ThrowIfNull(city);
        var category = city.FindCategory(serviceCode)
            ?? throw new Open311Exception(StatusCodes.Status404NotFound, $"Unknown service_code '{Open311Texts.Echo(serviceCode)}'.");
        var attributes = (category.Attributes ?? []).Select((a, i) => (Open311Value)Open311Object.Of(
            ("variable", true),
            ("code", a.Code),
            ("datatype", "singlevaluelist"),
            ("required", a.Required),
            ("datatype_description", "One of the values' keys."),
            ("order", new Open311Number(i + 1)),
            ("description", a.Description),
            ("values", new Open311List("value", (a.Values ?? []).Select(v => (Open311Value)Open311Object.Of(("key", v.Key), ("name", v.Name))).ToArray()))))
            .ToArray();
        return new("service_definition", Open311Object.Of(("service_code", category.Id), ("attributes", new Open311List("attribute", attributes))));
    }
}
