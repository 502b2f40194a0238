using MentionWatch.Foi;
using Microsoft.Extensions.DependencyInjection;

namespace MentionWatch.IntegrationTests.Web;

/// <summary>FOI cases for the web tests, opened through the host's own <see cref="FoiCaseService"/> as the FOI team would.</summary>
public static class TestFoiCases
{
    public static FoiCaseService Service(WebApp app) => app.Services.GetRequiredService<FoiCaseService>();

    /// <summary>Opens a case by hand, received at <paramref name="receivedAt"/>; returns its id.</summary>
    public static async Task<long> OpenAsync(WebApp app, DateTimeOffset receivedAt, string requester = "Jo Bloggs", string summary = "Agency nurse spend, 2024/25")
    {
        var opened = await Service(app).OpenAsync(
            new FoiCaseOpening { ReceivedAt = receivedAt, Requester = requester, Summary = summary, Actor = "test" }, CancellationToken.None);
        return opened.Id;
    }

    /// <summary>A post classified <c>foi_request</c>, routed to the FOI team, with the case the classify consumer opens for it.</summary>
    public static async Task<(long MentionId, long CaseId)> OpenForMentionAsync(WebApp app, string text, DateTimeOffset postedAt, string author = "curious_citizen")
    {
        var (mentionId, _) = await TestMentions.AddAsync(app, text, ["foi_request"], urgent: false, ["foi"], author: author, postedAt: postedAt);
        await using var connection = await app.Database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var caseId = await app.Services.GetRequiredService<FoiCases>().OpenForMentionAsync(connection, transaction, mentionId, CancellationToken.None);
        await transaction.CommitAsync();
        return (mentionId, caseId!.Value);
    }

    public static Task<string?> StateAsync(WebApp app, long caseId) =>
        app.TextAsync("select state from foi_cases where id = @id", ("id", caseId));
}
