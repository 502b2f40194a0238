using Microsoft.AspNetCore.Razor.TagHelpers;

namespace MentionWatch.Web;

/// <summary>
/// <c>&lt;user-text value="@m.Text" /&gt;</c>: shows text that came from a platform the one safe way
/// (<see cref="UserText"/>). Every page uses it for posts, handles, display names and profiles.
/// </summary>
[HtmlTargetElement("user-text", TagStructure = TagStructure.WithoutEndTag)]
public sealed class UserTextTagHelper : TagHelper
{
    /// <summary>Longest text shown (default 2,000 characters; 200 for an identity); the rest is counted, not shown.</summary>
    public const int DefaultMaxLength = 2_000;

    public const int DefaultIdentityMaxLength = 200;

    public string? Value { get; set; }

    public UserTextKind Kind { get; set; } = UserTextKind.Text;

    public int? MaxLength { get; set; }

    /// <summary>Shown (plain) when there is no value.</summary>
    public string Empty { get; set; } = "";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;
        var max = MaxLength ?? (Kind == UserTextKind.Identity ? DefaultIdentityMaxLength : DefaultMaxLength);
        output.Content.SetHtmlContent(UserText.Html(Value, Kind, max, Empty));
    }
}
