using MentionWatch.Stories;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace MentionWatch.Foi;

/// <summary>
/// What the FOI team does with cases, for the web pages and the CLI: open one by hand, list them by urgency, read
/// one with its history, move it on, report figures, export a date range as CSV. Every change is one transaction
/// that updates the case, appends its history and writes the audit log.
/// </summary>
public sealed class FoiCaseService(NpgsqlDataSource dataSource, FoiCases cases, FoiClock clock, TimeProvider time, ILogger<FoiCaseService> logger)
{
    /// <summary>Opens a case for a request that came by another route; the clock runs from <see cref="FoiCaseOpening.ReceivedAt"/>.</summary>
    public async Task<FoiCase> OpenAsync(FoiCaseOpening opening, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opening.Actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(opening.Requester);
        ArgumentException.ThrowIfNullOrWhiteSpace(opening.Summary);
        if (opening.ReceivedAt > time.GetUtcNow())
        {
            throw new FoiTransitionException($"A request cannot be received in the future ({opening.ReceivedAt:O}).");
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var id = await cases.InsertAsync(connection, transaction, null, opening.ReceivedAt, opening.Requester.Trim(), opening.Summary.Trim(), opening.Actor, "opened by hand", ct)
                 ?? throw new InvalidOperationException("A case without a mention was not inserted.");
        await transaction.CommitAsync(ct);
        return (await GetCaseAsync(id, ct))!;
    }

    /// <summary>
    /// Cases by urgency: running clocks first, fewest working days left (most overdue) first; then stopped clocks
    /// (awaiting clarification); finished cases only when <paramref name="includeFinished"/>.
    /// </summary>
    public async Task<IReadOnlyList<FoiCaseStatus>> ListAsync(bool includeFinished, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            FoiCaseRows.Select + (includeFinished ? "" : " where c.state in ('open', 'acknowledged', 'extended', 'clarification_requested')"));
        var today = clock.Today(time);
        return [.. (await FoiCaseRows.ReadAllAsync(command, ct)).Select(c => StatusOf(c, today))
            .OrderBy(s => s.WorkingDaysLeft is null)
            .ThenBy(s => s.WorkingDaysLeft)
            .ThenBy(s => s.Case.DueDate)
            .ThenBy(s => s.Case.Id)];
    }

    /// <summary>One case with where its clock stands and its history; null when there is no such case.</summary>
    public async Task<FoiCaseDetail?> GetAsync(long id, CancellationToken ct)
    {
        var found = await GetCaseAsync(id, ct);
        if (found is null)
        {
            return null;
        }

        var history = new List<FoiCaseEvent>();
        await using var command = dataSource.CreateCommand(
            "select id, at, occurred_at, actor, action, from_state, to_state, due_date, reason from foi_case_events where case_id = @id order by id");
        command.Parameters.AddWithValue("id", id);
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            history.Add(new FoiCaseEvent(
                r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), r.GetFieldValue<DateTimeOffset>(2), r.GetString(3), r.GetString(4),
                r.IsDBNull(5) ? null : FoiCaseStates.Parse(r.GetString(5)), FoiCaseStates.Parse(r.GetString(6)),
                r.GetFieldValue<DateOnly>(7), r.IsDBNull(8) ? null : r.GetString(8)));
        }

        var (related, shares) = await StoryOfAsync(id, ct);
        return new FoiCaseDetail(StatusOf(found, clock.Today(time)), history, related, shares);
    }

    /// <summary>
    /// The other cases opened from posts with the same or nearly the same words (another person's request, with its own
    /// clock; a request a word apart), and the copies that joined this case's post (shares: listed, no new request).
    /// A request opens a case only when it heads its own story, so only heads are looked at (the partial indexes on
    /// copy keys and bands serve them). See Stories/StoryRules.
    /// </summary>
    private async Task<(List<long> Related, int Shares)> StoryOfAsync(long id, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            """
            select o.id, om.copy_key = m.copy_key, m.text, om.text, null::bigint from foi_cases c
            join mentions m on m.id = c.mention_id
            join mentions om on (om.copy_key = m.copy_key or om.copy_bands && m.copy_bands) and om.story_id is null and om.id <> m.id
            join foi_cases o on o.mention_id = om.id
            where c.id = @id
            union all
            select null, null, null, null, count(*) from foi_cases c join mentions s on s.story_id = c.mention_id where c.id = @id
            """);
        command.Parameters.AddWithValue("id", id);
        var related = new SortedSet<long>();
        var shares = 0;
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            if (r.IsDBNull(0))
            {
                shares = (int)r.GetInt64(4);
                continue;
            }

            if ((!r.IsDBNull(1) && r.GetBoolean(1)) || NearlyTheSame(CopyKey.Of(r.GetString(2)), CopyKey.Of(r.GetString(3)))) related.Add(r.GetInt64(0));
        }

        return ([.. related], shares);
    }

    private static bool NearlyTheSame(CopyKey one, CopyKey other) => one.Copies(other) || other.Copies(one);

    /// <summary>
    /// Applies <paramref name="transition"/> under a row lock, so two people acting at once are serialised and the
    /// second is judged against the state the first left. Throws <see cref="FoiTransitionException"/> when not allowed.
    /// </summary>
    public async Task<FoiCase> TransitionAsync(long id, FoiTransition transition, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        FoiCase current;
        await using (var load = new NpgsqlCommand(FoiCaseRows.Select + " where c.id = @id for update of c", connection, transaction))
        {
            load.Parameters.AddWithValue("id", id);
            current = (await FoiCaseRows.ReadAllAsync(load, ct)).SingleOrDefault()
                      ?? throw new FoiTransitionException($"There is no FOI case {id}.");
        }

        var next = FoiCaseRules.Apply(current, transition, clock, now);
        var action = FoiCaseRules.ActionText(transition.Action);
        await using (var save = new NpgsqlCommand(
            """
            update foi_cases set state = @state, clock_started_on = @clock_started_on, due_date = @due,
                   clarification_requested_at = @clarification_requested_at, extension_working_days = @extension_days,
                   extension_reason = @extension_reason, responded_at = @responded_at, responded_on = @responded_on,
                   responded_on_time = @on_time, working_days_to_respond = @days_to_respond, updated_at = @now
            where id = @id;
            insert into foi_case_events (case_id, at, occurred_at, actor, action, from_state, to_state, due_date, reason)
            values (@id, @now, @occurred_at, @actor, @action, @from, @state, @due, @reason);
            insert into audit_log (at, actor, action, entity_type, entity_id, detail)
            values (@now, @actor, 'foi_case.' || @action, 'foi_case', @id::text, @detail);
            """, connection, transaction))
        {
            var p = save.Parameters;
            p.AddWithValue("id", id);
            p.AddWithValue("state", FoiCaseStates.ToText(next.State));
            p.AddWithValue("from", FoiCaseStates.ToText(current.State));
            p.AddWithValue("clock_started_on", next.ClockStartedOn);
            p.AddWithValue("due", next.DueDate);
            p.Add(Nullable("clarification_requested_at", NpgsqlDbType.TimestampTz, next.ClarificationRequestedAt?.ToUniversalTime()));
            p.Add(Nullable("extension_days", NpgsqlDbType.Integer, next.ExtensionWorkingDays));
            p.Add(Nullable("extension_reason", NpgsqlDbType.Text, next.ExtensionReason));
            p.Add(Nullable("responded_at", NpgsqlDbType.TimestampTz, next.RespondedAt?.ToUniversalTime()));
            p.Add(Nullable("responded_on", NpgsqlDbType.Date, next.RespondedOn));
            p.Add(Nullable("on_time", NpgsqlDbType.Boolean, next.RespondedOnTime));
            p.Add(Nullable("days_to_respond", NpgsqlDbType.Integer, next.WorkingDaysToRespond));
            p.AddWithValue("now", now);
            p.AddWithValue("occurred_at", (transition.OccurredAt ?? now).ToUniversalTime());
            p.AddWithValue("actor", transition.Actor);
            p.AddWithValue("action", action);
            p.Add(Nullable("reason", NpgsqlDbType.Text, transition.Reason?.Trim()));
            p.AddWithValue("detail", Detail(current, next, transition));
            await save.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        Log.CaseTransitioned(logger, id, FoiCaseStates.ToText(current.State), FoiCaseStates.ToText(next.State), transition.Actor);
        return next;
    }

    /// <summary>The FOI team's figures for requests received from <paramref name="from"/> to <paramref name="to"/> (London dates, inclusive).</summary>
    public async Task<FoiFigures> FiguresAsync(DateOnly from, DateOnly to, CancellationToken ct) =>
        FoiFigures.Compute(from, to, await ReceivedBetweenAsync(from, to, ct), clock.Today(time));

    /// <summary>Writes every case received from <paramref name="from"/> to <paramref name="to"/> as CSV, oldest first.</summary>
    public async Task WriteCsvAsync(DateOnly from, DateOnly to, TextWriter output, CancellationToken ct)
    {
        var today = clock.Today(time);
        await FoiCaseCsv.WriteAsync((await ReceivedBetweenAsync(from, to, ct)).Select(c => StatusOf(c, today)), output, ct);
    }

    private async Task<List<FoiCase>> ReceivedBetweenAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        if (to < from)
        {
            throw new ArgumentException($"The range ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", nameof(to));
        }

        await using var command = dataSource.CreateCommand(FoiCaseRows.Select + " where c.received_on between @from and @to order by c.received_at, c.id");
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        return await FoiCaseRows.ReadAllAsync(command, ct);
    }

    private async Task<FoiCase?> GetCaseAsync(long id, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(FoiCaseRows.Select + " where c.id = @id");
        command.Parameters.AddWithValue("id", id);
        return (await FoiCaseRows.ReadAllAsync(command, ct)).SingleOrDefault();
    }

    private FoiCaseStatus StatusOf(FoiCase c, DateOnly today) =>
        FoiCaseStates.ClockRunning.Contains(c.State)
            ? new FoiCaseStatus(c, clock.WorkingDaysLeft(c.DueDate, today), FoiClock.IsOverdue(c.DueDate, today))
            : new FoiCaseStatus(c, null, false);

    private static string Detail(FoiCase from, FoiCase to, FoiTransition transition)
    {
        var detail = $"{FoiCaseStates.ToText(from.State)} -> {FoiCaseStates.ToText(to.State)}";
        if (to.DueDate != from.DueDate)
        {
            detail += $", due {from.DueDate:yyyy-MM-dd} -> {to.DueDate:yyyy-MM-dd}";
        }

        if (to.RespondedOnTime is { } onTime && from.RespondedOnTime is null)
        {
            detail += onTime ? ", on time" : ", late";
        }

        return string.IsNullOrWhiteSpace(transition.Reason) ? detail : $"{detail}: {transition.Reason.Trim()}";
    }

    private static NpgsqlParameter Nullable(string name, NpgsqlDbType type, object? value) =>
        new(name, type) { Value = value ?? DBNull.Value };
}
