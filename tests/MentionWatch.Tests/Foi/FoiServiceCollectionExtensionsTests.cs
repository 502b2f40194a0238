using System.Globalization;
using MentionWatch.Foi;
using Microsoft.Extensions.DependencyInjection;

namespace MentionWatch.Tests.Foi;

public sealed class FoiServiceCollectionExtensionsTests
{
    [Fact]
    public void AddFoiClock_Default_ResolvesClockOverShippedTable()
    {
        using var provider = new ServiceCollection().AddFoiClock().BuildServiceProvider();

        provider.GetRequiredService<UkBankHolidays>().ShouldBeSameAs(UkBankHolidays.Published);
        provider.GetRequiredService<FoiClock>().DueDate(Date("2026-12-18")).ShouldBe(Date("2027-01-21"));
    }

    [Fact]
    public void AddFoiClock_HolidaysRegisteredFirst_ClockUsesThem()
    {
        // An announced Tuesday 5 January 2027 pushes the 20th working day on by one.
        var announced = UkBankHolidays.Published.WithAnnounced([new BankHoliday(Date("2027-01-05"), "Announced", UkDivision.EnglandAndWales)]);
        var services = new ServiceCollection().AddSingleton(announced).AddFoiClock();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<FoiClock>().DueDate(Date("2026-12-18")).ShouldBe(Date("2027-01-22"));
    }

    private static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
