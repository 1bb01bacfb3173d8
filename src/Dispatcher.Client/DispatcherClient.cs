using System.Text;
using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dispatcher.Client;

/// <summary>
/// The dispatcher as front-end channels and department systems see it: intake, the department
/// commands, reads and the department stream — typed, over one <see cref="IClusterClient"/>.
/// Commands are idempotent through their request id: retry a command with the same id after a
/// timeout and the case grain returns the first result instead of acting twice.
/// </summary>
public sealed class DispatcherClient
{
    private readonly IClusterClient _cluster;
    private readonly ClusterConnectionMonitor _connection;
    private readonly ILogger _logger;
    private readonly Lazy<TrackingNumbers> _keyed;
    private readonly TrackingNumbers _random;

    public DispatcherClient(IClusterClient cluster, DispatcherClientOptions options, ClusterConnectionMonitor connection, ILogger<DispatcherClient>? logger = null)
    {
        _cluster = cluster;
        _connection = connection;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        // Random ids need no secret; keyed ids need the host's, which may be absent in Postgres mode.
        _random = new TrackingNumbers(options.CityCode, []);
        _keyed = new Lazy<TrackingNumbers>(() => new TrackingNumbers(options.CityCode, Encoding.UTF8.GetBytes(options.EffectiveTrackingSecret)));
    }

    /// <summary>Connection notifications; renew subscriptions and reconcile on <see cref="ClusterConnectionMonitor.Reconnected"/>.</summary>
    public ClusterConnectionMonitor Connection => _connection;

    /// <summary>
    /// Takes a case. Without <paramref name="idempotencyKey"/> the case gets a fresh random
    /// tracking number. With one, the number is derived from (actor id, key) exactly as the HTTP
    /// API derives it from (API key name, Idempotency-Key): a retry returns the same case with
    /// Created=false. Validation errors surface as <c>ValidationException</c>.
    /// </summary>
    public async Task<CaseReceipt> SubmitCase(CaseIntake intake, Actor actor, string? idempotencyKey = null)
    {
        var command = new SubmitCase(actor, intake);
        if (!string.IsNullOrEmpty(idempotencyKey))
            return await KeyedIntake.Submit(Case(_keyed.Value.FromIdempotencyKey(actor.Id, idempotencyKey)), command);

        return await FreshIntake.Submit(Case, _random, command);
    }

    /// <summary>The department takes the case on (签收).</summary>
    public Task<TransitionResult> Acknowledge(string caseId, Actor department, string? note, string requestId) =>
        Case(caseId).Acknowledge(new CaseCommand(requestId, department, note));

    public Task<TransitionResult> Start(string caseId, Actor department, string? note, string requestId) =>
        Case(caseId).Start(new CaseCommand(requestId, department, note));

    /// <summary>The department's answer to the citizen; <paramref name="text"/> is required.</summary>
    public Task<TransitionResult> Reply(string caseId, Actor department, string text, string requestId) =>
        Case(caseId).Reply(new CaseCommand(requestId, department, text));

    public Task<TransitionResult> Resolve(string caseId, Actor department, string text, string requestId) =>
        Case(caseId).Resolve(new CaseCommand(requestId, department, text));

    /// <summary>Hands the case back as not the department's (退回); <paramref name="reason"/> is required.</summary>
    public Task<TransitionResult> Return(string caseId, Actor department, string reason, string requestId) =>
        Case(caseId).Return(new CaseCommand(requestId, department, reason));

    /// <summary>
    /// Sends a case to a department (agents and admins: triage, override, after a return); with
    /// <paramref name="coDepartments"/> it becomes a joint case led by <paramref name="departmentId"/> (ADR-027).
    /// </summary>
    public Task<TransitionResult> Dispatch(string caseId, Actor dispatcher, string departmentId, string reason, string requestId,
        IReadOnlyList<string>? coDepartments = null) =>
        Case(caseId).Dispatch(new DispatchCommand(requestId, dispatcher, departmentId, reason, CoDepartments: coDepartments));

    /// <summary>
    /// A co-department's step on its part of a joint case (ADR-027), as the HTTP API's
    /// <c>/co/{departmentId}/…</c> routes take it: acknowledge, reply (<paramref name="text"/> required)
    /// or ask to be released (<paramref name="text"/> = the reason, required). The actor must belong to
    /// <paramref name="departmentId"/>; a repeated <paramref name="requestId"/> returns the first result.
    /// </summary>
    public Task<TransitionResult> CoPart(string caseId, string departmentId, Actor actor, CoPartAction action, string? text, string requestId) =>
        Case(caseId).CoPart(new CoPartCommand(requestId, actor, departmentId, action, text));

    /// <summary>The case with its history; throws <c>CaseNotFoundException</c> for an unknown id.</summary>
    public Task<CaseView> GetCase(string caseId) => Case(caseId).Get();

    /// <summary>The department's open cases: the truth that stream events only announce.</summary>
    public Task<IReadOnlyList<InboxItem>> GetInbox(string departmentId) => _cluster.GetGrain<IDepartmentGrain>(departmentId).GetInbox();

    /// <summary>
    /// Subscribes to the department's stream. Events are notifications, not the truth: they are
    /// lost while nobody is subscribed or the client is disconnected. The subscription renews
    /// itself after a reconnect and then calls <paramref name="onResubscribed"/> — the place to
    /// reconcile with <see cref="GetInbox"/>. Dispose to unsubscribe.
    /// </summary>
    public Task<IAsyncDisposable> SubscribeToDepartment(string departmentId, Func<DepartmentEvent, Task> onEvent, Func<Task>? onResubscribed = null) =>
        DepartmentSubscription.Start(_cluster, _connection, departmentId, onEvent, onResubscribed, _logger);

    private ICaseGrain Case(string caseId) => _cluster.GetGrain<ICaseGrain>(caseId);
}
