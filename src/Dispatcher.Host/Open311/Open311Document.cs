namespace Dispatcher.Host.Open311;

/// <summary>
/// One value of an Open311 answer, written the same way by <see cref="Open311XmlWriter"/> and
/// <see cref="Open311JsonWriter"/>: the mapping code builds these once and never touches a format.
/// </summary>
public abstract record Open311Value
{
    /// <summary>Codes, ids and texts are strings (Open311: "codes are strings"); null is an empty element / JSON null.</summary>
    public static implicit operator Open311Value(string? text) => new Open311Text(text);

    public static implicit operator Open311Value(bool value) => new Open311Bool(value);
}

public sealed record Open311Text(string? Value) : Open311Value;

/// <summary>A number (lat, long, order, an error code): a JSON number, plain digits in XML.</summary>
public sealed record Open311Number(double? Value) : Open311Value;

public sealed record Open311Bool(bool Value) : Open311Value;

/// <summary>Named fields in the order the spec lists them (XML element order, JSON property order).</summary>
public sealed record Open311Object(IReadOnlyList<Open311Field> Fields) : Open311Value
{
    public static Open311Object Of(params (string Name, Open311Value Value)[] fields) =>
        new(fields.Select(f => new Open311Field(f.Name, f.Value)).ToArray());
}

/// <summary>A list: in XML a container whose children are each named <see cref="ItemName"/>; in JSON an array.</summary>
public sealed record Open311List(string ItemName, IReadOnlyList<Open311Value> Items) : Open311Value;

public sealed record Open311Field(string Name, Open311Value Value);

/// <summary>A whole answer: the XML root element's name and the root value (a list or an object).</summary>
public sealed record Open311Document(string RootName, Open311Value Root);
