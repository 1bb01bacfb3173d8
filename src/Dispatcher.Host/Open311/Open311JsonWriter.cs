using System.Text.Encodings.Web;
using System.Text.Json;

namespace Dispatcher.Host.Open311;

/// <summary>Writes an <see cref="Open311Document"/> as GeoReport v2 JSON: lists are arrays, the root name is dropped.</summary>
public static class Open311JsonWriter
{
    public static void Write(Stream output, Open311Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        // Chinese names and "+08:00" as they are, not \u escapes: the body is JSON, never embedded in HTML.
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Value(json, document.Root);
    }

    private static void Value(Utf8JsonWriter json, Open311Value value)
    {
        switch (value)
        {
            case Open311Text { Value: { } text }:
                json.WriteStringValue(Open311Texts.Clean(text));
                break;
            case Open311Number { Value: { } number } when double.IsFinite(number):
                json.WriteNumberValue(number);
                break;
            case Open311Bool flag:
                json.WriteBooleanValue(flag.Value);
                break;
            case Open311Object obj:
                json.WriteStartObject();
                foreach (var field in obj.Fields)
                {
                    json.WritePropertyName(field.Name);
                    Value(json, field.Value);
                }
                json.WriteEndObject();
                break;
            case Open311List list:
                json.WriteStartArray();
                foreach (var item in list.Items) Value(json, item);
                json.WriteEndArray();
                break;
            default:
                json.WriteNullValue();
                break;
        }
    }
}
