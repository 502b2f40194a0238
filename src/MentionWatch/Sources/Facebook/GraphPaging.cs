using System.Text.Json;
using System.Web;
using MentionWatch.Sources.Http;

namespace MentionWatch.Sources.Facebook;

/// <summary>
/// Meta Graph paging shared by Facebook and Instagram: <c>paging.next</c> is followed verbatim (it may be cursor or
/// time based), but only on the configured API host, and with any <c>access_token</c> removed before it is stored
/// in the cursor: the token travels in the Authorization header, never in the database. Meta's paging reference: a
/// page without <c>next</c> is the last. Some edges (IG User <c>tags</c>) never send <c>next</c>, only
/// <c>cursors.after</c>; for those <see cref="NextFromCursors"/> builds the next request from the one just made.
/// </summary>
public static class GraphPaging
{
    public const string DefaultBaseAddress = "https://graph.facebook.com/v23.0/";

    /// <summary>The next page's URL to keep in the cursor, or null at the end (or when it points elsewhere).</summary>
    public static string? NextPage(string? next, Uri baseAddress)
    {
        if (next is null || !Uri.TryCreate(next, UriKind.Absolute, out var uri)) return null;
        if (!string.Equals(uri.Authority, baseAddress.Authority, StringComparison.OrdinalIgnoreCase)) return null;
        var query = HttpUtility.ParseQueryString(uri.Query);
        query.Remove("access_token");
        return new UriBuilder(uri) { Query = query.ToString() }.Uri.ToString();
    }

    /// <summary>
    /// For an edge that pages by cursors alone: <c>paging.next</c> when the page has one, else the request just made
    /// with <c>after</c> set to <c>paging.cursors.after</c>. A page with no items, or no <c>after</c>, is the end
    /// (the edge's cursor is not trusted to say so, so an empty page is asked for once).
    /// </summary>
    public static string? NextFromCursors(JsonElement page, Uri requested, Uri baseAddress)
    {
        if (NextPage(page.Str("paging", "next"), baseAddress) is { } next) return next;
        if (!page.Items("data").Any() || page.Str("paging", "cursors", "after") is not { } after) return null;
        var query = HttpUtility.ParseQueryString(requested.Query);
        query.Remove("before");
        query["after"] = after;
        return NextPage(new UriBuilder(requested) { Query = query.ToString() }.Uri.ToString(), baseAddress);
    }
}
