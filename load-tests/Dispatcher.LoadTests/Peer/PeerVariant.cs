namespace Dispatcher.LoadTests.Peer;

/// <summary>
/// The two shapes of the conventional design (issue 15): <see cref="A"/> keeps a live monthly
/// counter row per department, upserted in the intake's transaction; <see cref="B"/> keeps none
/// (a department's figures are counted by query when read).
/// </summary>
public enum PeerVariant
{
    A,
    B,
}
