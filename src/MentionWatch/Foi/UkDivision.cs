namespace MentionWatch.Foi;

/// <summary>
/// A part of the United Kingdom with its own list of bank holidays, as GOV.UK publishes them.
/// </summary>
public enum UkDivision
{
    /// <summary>England and Wales (GOV.UK key <c>england-and-wales</c>).</summary>
    EnglandAndWales,

    /// <summary>Scotland (GOV.UK key <c>scotland</c>).</summary>
    Scotland,

    /// <summary>Northern Ireland (GOV.UK key <c>northern-ireland</c>).</summary>
    NorthernIreland,
}
