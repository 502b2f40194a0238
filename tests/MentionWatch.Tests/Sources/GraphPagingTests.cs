using System.Text.Json;
using MentionWatch.Sources.Facebook;

namespace MentionWatch.Tests.Sources;

public sealed class GraphPagingTests
{
    private static readonly Uri Base = new("https://graph.facebook.com/v23.0/");
    private static readonly Uri Requested = new("https://graph.facebook.com/v23.0/17841400000000001/tags?fields=id%2Ccaption&limit=50&before=QVFIb1");

    [Fact]
    public void NextFromCursors_TagsPageWithCursorsOnly_NextRequestBuiltFromAfter()
    {
        var next = GraphPaging.NextFromCursors(Page("""{"data":[{"id":"1"}],"paging":{"cursors":{"before":"QVFIb2","after":"QVFIa2"}}}"""), Requested, Base);

        var uri = new Uri(next.ShouldNotBeNull());
        uri.AbsolutePath.ShouldBe("/v23.0/17841400000000001/tags");
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        query["after"].ShouldBe("QVFIa2");
        query["before"].ShouldBeNull(); // paging forward only
        query["fields"].ShouldBe("id,caption");
        query["limit"].ShouldBe("50");
    }

    [Fact]
    public void NextFromCursors_NextGiven_FollowedWithoutItsToken()
    {
        var next = GraphPaging.NextFromCursors(
            Page("""{"data":[{"id":"1"}],"paging":{"cursors":{"after":"A"},"next":"https://graph.facebook.com/v23.0/x/recent_media?access_token=secret&after=B"}}"""), Requested, Base);

        next.ShouldNotBeNull().ShouldContain("after=B");
        next.ShouldNotContain("secret");
    }

    [Theory]
    // Past the last item the edge answers no data (its cursor is not trusted to say the end).
    [InlineData("""{"data":[],"paging":{"cursors":{"after":"QVFIa9"}}}""")]
    // A single page with no paging at all (as recorded).
    [InlineData("""{"data":[{"id":"1"}]}""")]
    public void NextFromCursors_EndOfTheEdge_Null(string body) => GraphPaging.NextFromCursors(Page(body), Requested, Base).ShouldBeNull();

    [Fact]
    public void NextPage_OtherHost_NotFollowed() =>
        GraphPaging.NextPage("https://evil.example.org/v23.0/x?after=B", Base).ShouldBeNull();

    private static JsonElement Page(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
