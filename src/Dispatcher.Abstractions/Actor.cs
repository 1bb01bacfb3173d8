namespace Dispatcher.Abstractions;

[GenerateSerializer, Alias("dispatcher.actor-kind")]
public enum ActorKind { System, Channel, Agent, Department, Admin, Supervisor, Partner, Citizen }

/// <summary>Who performs a command. <see cref="DepartmentId"/> is set for department users.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.actor")]
public sealed record Actor([Id(0)] ActorKind Kind, [Id(1)] string Id, [Id(2)] string? DepartmentId = null)
{
    public static readonly Actor System = new(ActorKind.System, "dispatcher");
    public override string ToString() => DepartmentId is null ? $"{Kind}:{Id}" : $"{Kind}:{Id}@{DepartmentId}";
}
