using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dispatcher.Abstractions.Notifications;
using Dispatcher.Grains.Hosting;
using Dispatcher.Grains.Notifications;
using Microsoft.Extensions.Options;

namespace Dispatcher.Host.Notifications;

/// <summary>
/// SMS through the gateway's webhook: <c>POST</c> JSON with the phone, the template id, its
/// parameters and the rendered text, and <c>Idempotency-Key</c> = the notification id, so a gateway
/// that sees a message twice (a retry after a lost answer) sends it once. 2xx is delivered; 400, 404,
/// 410, 413, 415 and 422 are refusals of the message itself and not retried; anything else is retried.
/// </summary>
public sealed class WebhookNotificationSender(IHttpClientFactory clients, IOptions<NotificationOptions> options) : INotificationSender
{
    public const string ClientName = "dispatcher-sms-webhook";
    private static readonly HttpStatusCode[] Refusals =
        [HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.Gone, HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.UnsupportedMediaType, HttpStatusCode.UnprocessableEntity];

    /// <summary>Web defaults, with Chinese text as UTF-8 rather than \u escapes, as gateways log and show it.</summary>
    private static readonly JsonSerializerOptions BodyOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public NotificationChannel Channel => NotificationChannel.Sms;

    public async Task<DeliveryResult> Send(CitizenNotification n, CancellationToken cancellationToken)
    {
        var settings = options.Value.Webhook;
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url)
        {
            // A buffered body with Content-Length: not every gateway reads a chunked one.
            Content = new StringContent(JsonSerializer.Serialize(new WebhookMessage(n.Id, n.CaseId, n.Address, n.TemplateId, n.Language, n.Parameters, n.Text, n.CreatedAt),
                BodyOptions), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", n.Id);
        if (!string.IsNullOrEmpty(settings.BearerToken)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.BearerToken);
        using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode) return DeliveryResult.Delivered;
        if (Refusals.Contains(response.StatusCode)) return DeliveryResult.Rejected;
        throw new HttpRequestException($"The SMS webhook answered {(int)response.StatusCode}.", null, response.StatusCode);
    }

    /// <summary>The body the gateway receives.</summary>
    public sealed record WebhookMessage(string NotificationId, string CaseId, string Phone, string Template, string Language,
        Dictionary<string, string> Parameters, string Text, DateTimeOffset CreatedAt);
}
