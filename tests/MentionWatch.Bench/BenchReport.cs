namespace MentionWatch.Bench;

/// <summary>The figures of one run and, unless only the classifier was measured, the same run's ceilings.</summary>
internal sealed record BenchReport(IReadOnlyList<Figure> Figures, Ceilings? Ceilings)
{
    /// <summary>Prints the figures as a Markdown table; throughputs also as shares of each ceiling and of the slower.</summary>
    public void Print(TextWriter output)
    {
        output.WriteLine($"| {"measure",-44} | {"figure",-20} | {"of PostgreSQL",-13} | {"of RabbitMQ",-11} | {"of slower",-9} | {"target",-16} | met |");
        output.WriteLine($"|{new string('-', 46)}|{new string('-', 22)}|{new string('-', 15)}|{new string('-', 13)}|{new string('-', 11)}|{new string('-', 18)}|-----|");
        if (Ceilings is { } c)
        {
            Row("(f) ceiling: PostgreSQL batched insert", $"{c.PostgresPerSecond:N0} rows/s", "", "", "", "", null);
            Row("(f) ceiling: RabbitMQ confirm + consume", $"{c.RabbitMqPerSecond:N0} msgs/s", "", "", "", "", null);
        }

        foreach (var f in Figures)
        {
            if (f.PerSecond is { } rate && Ceilings is { } ceilings)
            {
                var share = rate / ceilings.Slower;
                var met = f.GoalOfSlower is { } goal ? share >= goal : f.Met;
                Row(f.Measure, f.Value, $"{rate / ceilings.PostgresPerSecond:P0}", $"{rate / ceilings.RabbitMqPerSecond:P0}", $"{share:P0}", f.Target, met);
            }
            else
            {
                Row(f.Measure, f.Value, "", "", "", f.Target, f.Met);
            }
        }

        void Row(string measure, string value, string postgres, string rabbit, string slower, string target, bool? met) =>
            output.WriteLine($"| {measure,-44} | {value,-20} | {postgres,-13} | {rabbit,-11} | {slower,-9} | {target,-16} | {(met switch { true => "yes", false => "NO", null => "" }),-3} |");
    }
}
