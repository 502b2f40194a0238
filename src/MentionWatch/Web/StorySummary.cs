namespace MentionWatch.Web;

/// <summary>
/// A story at a glance, on its first post's page: how many copies joined it, by how many accounts (its reach), when it
/// was first and last seen, and the people who posted its words themselves (not shared them): a campaign, such as a
/// template complaint to PALS, with each of them listed once.
/// </summary>
/// <param name="Campaign">Each other person who posted the words themselves, once (their first copy), oldest first.</param>
/// <param name="CampaignPeople">How many they are, when more than the page lists.</param>
public sealed record StorySummary(
    int Copies, int Accounts, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, IReadOnlyList<StoryCopy> Campaign, int CampaignPeople)
{
    public bool IsCampaign => CampaignPeople > 0;
}
