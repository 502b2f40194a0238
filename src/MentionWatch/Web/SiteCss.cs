namespace MentionWatch.Web;

/// <summary>Serves the one stylesheet, embedded in the assembly so it is found whatever the working directory.</summary>
public static class SiteCss
{
    private static readonly byte[] Content = Load();

    public static IResult Serve(HttpContext context)
    {
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Bytes(Content, "text/css; charset=utf-8");
    }

    private static byte[] Load()
    {
        using var stream = typeof(SiteCss).Assembly.GetManifestResourceStream("MentionWatch.Web.site.css")!;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
