using MentionWatch.Alerts;
using Microsoft.Extensions.DependencyInjection;

namespace MentionWatch.IntegrationTests.Web;

[Collection(ServersCollection.Name)]
public sealed class AlertActionsTests(ServersFixture servers)
{
    [Fact]
    public async Task Acknowledge_TwoPeopleAtOnce_ExactlyOneWinsAndOneAuditRow()
    {
        await using var app = await WebApp.StartAsync(servers);
        var (_, alerts) = await TestMentions.AddAsync(app, "help me", ["distress"], urgent: true, ["spa"]);
        await using var first = app.Services.CreateAsyncScope();
        await using var second = app.Services.CreateAsyncScope();

        var outcomes = await Task.WhenAll(
            first.ServiceProvider.GetRequiredService<AlertActions>().AcknowledgeAsync(alerts[0], "web-user", CancellationToken.None),
            second.ServiceProvider.GetRequiredService<AlertActions>().AcknowledgeAsync(alerts[0], "email-link", CancellationToken.None));

        outcomes.Count(o => o == AlertActionOutcome.Done).ShouldBe(1);
        outcomes.Count(o => o == AlertActionOutcome.AlreadyDone).ShouldBe(1);
        (await app.ScalarAsync("select count(*) from audit_log where action = 'alert.acknowledged'")).ShouldBe(1);
        var winner = await app.TextAsync("select acknowledged_by from alerts where id = @id", ("id", alerts[0]));
        (await app.TextAsync("select actor from audit_log where action = 'alert.acknowledged'")).ShouldBe(winner);
    }

    [Fact]
    public async Task Actions_UnknownAlert_NotFoundAndNothingAudited()
    {
        await using var app = await WebApp.StartAsync(servers);
        await using var scope = app.Services.CreateAsyncScope();
        var actions = scope.ServiceProvider.GetRequiredService<AlertActions>();

        (await actions.AcknowledgeAsync(999, "x", CancellationToken.None)).ShouldBe(AlertActionOutcome.NotFound);
        (await actions.AgreeActionAsync(999, "x", CancellationToken.None)).ShouldBe(AlertActionOutcome.NotFound);
        (await actions.CloseAsync(999, "x", CancellationToken.None)).ShouldBe(AlertActionOutcome.NotFound);
        (await actions.AssignAsync(999, "y", "x", CancellationToken.None)).ShouldBe(AlertActionOutcome.NotFound);
        (await app.ScalarAsync("select count(*) from audit_log")).ShouldBe(0);
    }
}
