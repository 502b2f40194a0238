using System.Web;

namespace MentionWatch.Sources.Facebook;

/// <summary>
/// Meta Graph paging shared by Facebook and Instagram: <c>paging.next</c> is followed verbatim (it may be cursor or
/// time based), but only on the configured API host, and with any <c>access_token</c> removed before it is stored
/// in the cursor: the token travels in the Authorization header, never in the database.
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
}
