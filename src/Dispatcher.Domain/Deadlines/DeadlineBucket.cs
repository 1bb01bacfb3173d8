using System.Security.Cryptography;
using System.Text;

namespace Dispatcher.Domain.Deadlines;

/// <summary>
/// Which deadline bucket drives a case's deadlines (ADR-030): bucket = slot(case id) mod
/// <see cref="Count"/>, where the slot is the first 12 bits of MD5 over the id's UTF-8 bytes
/// (0…<see cref="Slots"/>−1). PostgreSQL computes the same slot as a generated column
/// (deploy/sql/019), so the index can answer "due in this bucket" for any bucket count without a
/// rewrite: changing the count only regroups slots, it never moves a wake time. MD5 is a spreading
/// function here, not a security measure.
/// </summary>
public readonly record struct DeadlineBucket(int Index, int Count)
{
    /// <summary>How many slots the ids spread over; the bucket count may not exceed it.</summary>
    public const int Slots = 4096;

    /// <summary>The case's slot, 0…4095; the one place the rule lives.</summary>
    public static int SlotOf(string caseId)
    {
        Span<byte> hash = stackalloc byte[MD5.HashSizeInBytes];
        // Every index write computes this: case ids are short, so their bytes stay on the stack.
        var maxBytes = Encoding.UTF8.GetMaxByteCount(caseId.Length);
        Span<byte> utf8 = maxBytes <= 256 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        var length = Encoding.UTF8.GetBytes(caseId, utf8);
#pragma warning disable CA5351 // not used for security: a stable spreading of ids that PostgreSQL's md5() reproduces
        MD5.HashData(utf8[..length], hash);
#pragma warning restore CA5351
        return (hash[0] << 4) | (hash[1] >> 4);
    }

    /// <summary>The bucket of <paramref name="caseId"/> among <paramref name="count"/> buckets.</summary>
    public static DeadlineBucket Of(string caseId, int count) => new(SlotOf(caseId) % count, count);

    /// <summary>The slots this bucket drives: every slot s with s mod Count = Index.</summary>
    public int[] SlotNumbers()
    {
        var slots = new List<int>(Slots / Count + 1);
        for (var s = Index; s < Slots; s += Count) slots.Add(s);
        return [.. slots];
    }

    /// <summary>True when this bucket exists among <see cref="Count"/> buckets (a bucket left from a larger count does not).</summary>
    public bool Exists => Index >= 0 && Index < Count && Count <= Slots;
}
