using MentionWatch.Triage;

namespace MentionWatch.Web.Pages;

/// <summary>The add/edit form of the register; administrators are entered one per line or comma-separated.</summary>
public sealed class RegisterForm
{
    public string? Platform { get; set; }
    public string? Handle { get; set; }
    public string? DisplayName { get; set; }
    public string? Owner { get; set; }
    public string? Administrators { get; set; }
    public DateOnly? LastReviewedOn { get; set; }

    public bool IsValid =>
        !string.IsNullOrWhiteSpace(Platform) && !string.IsNullOrWhiteSpace(Handle) && !string.IsNullOrWhiteSpace(Owner)
        && Platform.Length <= 50 && Handle.Length <= 200 && Owner.Length <= 200;

    public static RegisterForm From(RegisteredAccount account) => new()
    {
        Platform = account.Platform, Handle = account.Handle, DisplayName = account.DisplayName, Owner = account.Owner,
        Administrators = string.Join(Environment.NewLine, account.Administrators), LastReviewedOn = account.LastReviewedOn,
    };

    public void ApplyTo(RegisteredAccount account)
    {
        account.Platform = Platform!.Trim().ToLowerInvariant();
        account.Handle = Handle!.Trim().TrimStart('@');
        account.DisplayName = string.IsNullOrWhiteSpace(DisplayName) ? null : DisplayName.Trim();
        account.Owner = Owner!.Trim();
        account.Administrators = (Administrators ?? "").Split(['\n', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        account.LastReviewedOn = LastReviewedOn;
    }
}
