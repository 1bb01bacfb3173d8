using System.Globalization;
using System.Text;
using System.Xml;

namespace Dispatcher.Host.Open311;

/// <summary>Writes an <see cref="Open311Document"/> as GeoReport v2 XML (UTF-8, elements only, in field order).</summary>
public static class Open311XmlWriter
{
    public static void Write(Stream output, Open311Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false };
        using var xml = XmlWriter.Create(output, settings);
        xml.WriteStartDocument();
        Element(xml, document.RootName, document.Root);
        xml.WriteEndDocument();
    }

    private static void Element(XmlWriter xml, string name, Open311Value value)
    {
        xml.WriteStartElement(name);
        switch (value)
        {
            case Open311Text { Value: { } text }:
                xml.WriteString(Open311Texts.Clean(text));
                break;
            case Open311Number { Value: { } number } when double.IsFinite(number):
                xml.WriteString(number.ToString(CultureInfo.InvariantCulture));
                break;
            case Open311Bool flag:
                xml.WriteString(flag.Value ? "true" : "false");
                break;
            case Open311Object obj:
                foreach (var field in obj.Fields) Element(xml, field.Name, field.Value);
                break;
            case Open311List list:
                foreach (var item in list.Items) Element(xml, list.ItemName, item);
                break;
        }
        xml.WriteEndElement();
    }
}
