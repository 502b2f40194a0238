using Npgsql;

namespace MentionWatch.Foi;

/// <summary>Reads <c>foi_cases</c> rows (joined to the post for the requester's handle) into <see cref="FoiCase"/>.</summary>
internal static class FoiCaseRows
{
    public const string Select =
        """
        select c.id, c.mention_id, c.received_at, c.received_on, c.clock_started_on, c.due_date, c.original_due_date, c.state,
               coalesce(c.requester, m.author_handle), c.summary, c.clarification_requested_at, c.extension_working_days,
               c.extension_reason, c.responded_at, c.responded_on, c.responded_on_time, c.working_days_to_respond,
               c.opened_by, c.opened_at, c.updated_at
        from foi_cases c left join mentions m on m.id = c.mention_id
        """;

    public static FoiCase Read(NpgsqlDataReader r) => new()
    {
        Id = r.GetInt64(0),
        MentionId = r.IsDBNull(1) ? null : r.GetInt64(1),
        ReceivedAt = r.GetFieldValue<DateTimeOffset>(2),
        ReceivedOn = r.GetFieldValue<DateOnly>(3),
        ClockStartedOn = r.GetFieldValue<DateOnly>(4),
        DueDate = r.GetFieldValue<DateOnly>(5),
        OriginalDueDate = r.GetFieldValue<DateOnly>(6),
        State = FoiCaseStates.Parse(r.GetString(7)),
        Requester = r.IsDBNull(8) ? null : r.GetString(8),
        Summary = r.IsDBNull(9) ? null : r.GetString(9),
        ClarificationRequestedAt = r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10),
        ExtensionWorkingDays = r.IsDBNull(11) ? null : r.GetInt32(11),
        ExtensionReason = r.IsDBNull(12) ? null : r.GetString(12),
        RespondedAt = r.IsDBNull(13) ? null : r.GetFieldValue<DateTimeOffset>(13),
        RespondedOn = r.IsDBNull(14) ? null : r.GetFieldValue<DateOnly>(14),
        RespondedOnTime = r.IsDBNull(15) ? null : r.GetBoolean(15),
        WorkingDaysToRespond = r.IsDBNull(16) ? null : r.GetInt32(16),
        OpenedBy = r.GetString(17),
        OpenedAt = r.GetFieldValue<DateTimeOffset>(18),
        UpdatedAt = r.GetFieldValue<DateTimeOffset>(19),
    };

    public static async Task<List<FoiCase>> ReadAllAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var cases = new List<FoiCase>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            cases.Add(Read(reader));
        }

        return cases;
    }
}
