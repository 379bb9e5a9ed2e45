using Spectre.Console;

namespace Learn.Dnn.Grade;

/// <summary>
/// The report card: per chapter, exercises solved and points earned of points possible; then the
/// problems (failed exercises, missing tests) and what to try next. Plain ASCII when output is redirected.
/// </summary>
public static class ReportCard
{
    public static void Print(Metadata metadata, IReadOnlyList<Grade> grades, string what, bool details = false)
    {
        bool plain = Console.IsOutputRedirected;
        var console = plain
            ? AnsiConsole.Create(new AnsiConsoleSettings
              {
                  Ansi = AnsiSupport.No,
                  ColorSystem = ColorSystemSupport.NoColors,
                  Out = new AnsiConsoleOutput(Console.Out),
              })
            : AnsiConsole.Console;
        if (plain) console.Profile.Width = 160;
        var table = new Table()
            .Border(plain ? TableBorder.Ascii : TableBorder.Rounded)
            .Title($"Learn.Dnn report card ({what})")
            .AddColumn("Chapter")
            .AddColumn(new TableColumn("Solved").RightAligned())
            .AddColumn(new TableColumn("Points").RightAligned());
        foreach (var chapter in grades.GroupBy(g => g.Exercise.Chapter).OrderBy(c => c.Key))
            table.AddRow(
                Markup.Escape($"{chapter.Key}. {metadata.ChapterTitle(chapter.Key)}"),
                $"{chapter.Count(g => g.Status == ExerciseStatus.Solved)} of {chapter.Count()}",
                $"{chapter.Sum(g => g.Earned)} of {chapter.Sum(g => g.Exercise.Points)}");
        table.AddEmptyRow();
        table.AddRow("[bold]Total[/]",
            $"[bold]{grades.Count(g => g.Status == ExerciseStatus.Solved)} of {grades.Count}[/]",
            $"[bold]{grades.Sum(g => g.Earned)} of {grades.Sum(g => g.Exercise.Points)}[/]");
        console.Write(table);

        if (details)
        {
            var list = new Table()
                .Border(plain ? TableBorder.Ascii : TableBorder.Rounded)
                .AddColumn("Exercise").AddColumn("Title").AddColumn("Status").AddColumn(new TableColumn("Points").RightAligned());
            foreach (var grade in grades)
                list.AddRow(Markup.Escape(grade.Exercise.Id), Markup.Escape(grade.Exercise.Title), StatusText(grade.Status),
                            $"{grade.Earned} of {grade.Exercise.Points}");
            console.Write(list);
        }

        foreach (var grade in grades.Where(g => g.Status is ExerciseStatus.Failed or ExerciseStatus.TestMissing))
        {
            var label = grade.Status == ExerciseStatus.Failed ? "[red]failed:[/] " : "";
            console.MarkupLine($"[red]✗[/] {Markup.Escape(grade.Exercise.Id)} ({Markup.Escape(grade.Exercise.Title)}): {label}{Markup.Escape(FirstLines(grade.Detail, 4))}");
        }

        var next = grades.FirstOrDefault(g => g.Status != ExerciseStatus.Solved);
        console.WriteLine();
        if (next is null)
        {
            console.MarkupLine("[green]Every exercise is solved.[/]");
            return;
        }
        var e = next.Exercise;
        console.MarkupLine($"[bold]Try next:[/] {Markup.Escape(e.Id)}: {Markup.Escape(e.Title)} ({e.Points} point{(e.Points == 1 ? "" : "s")}), in {Markup.Escape(e.File)}");
        console.MarkupLine($"  Hint ({Exercise.HintTiers[0]}): {Markup.Escape(e.Hint)}");
        console.MarkupLine($"  Stuck? The next hints, one at a time: dotnet run --project src/Learn.Dnn.Grade -- hint {Markup.Escape(e.Id)} 2");
        console.MarkupLine($"  Run its tests: dotnet test exercises --filter Exercise={Markup.Escape(e.Id)}");
    }

    /// <summary>Hint <paramref name="tier"/> (1 = nudge, 2 = formula, 3 = code) of an exercise, and how to get the next.</summary>
    public static string HintText(Exercise e, int tier)
    {
        if (tier < 1 || tier > e.Hints.Length)
            throw new ArgumentException($"grade: {e.Id} has hints 1 to {e.Hints.Length} ({string.Join(", ", Exercise.HintTiers)}), not {tier}.");
        var text = $"{e.Id}, hint {tier} of {e.Hints.Length} ({Exercise.HintTiers[tier - 1]}): {e.Hints[tier - 1]}";
        return tier < e.Hints.Length
            ? text + $"\nStill stuck? dotnet run --project src/Learn.Dnn.Grade -- hint {e.Id} {tier + 1}"
            : text + "\nThat was the last hint; the chapter section and the reference solution come next (exercises/README.md).";
    }

    private static string StatusText(ExerciseStatus status) => status switch
    {
        ExerciseStatus.Solved => "[green]solved[/]",
        ExerciseStatus.Failed => "[red]failed[/]",
        ExerciseStatus.TestMissing => "[red]test missing[/]",
        _ => "not attempted",
    };

    private static string FirstLines(string text, int count) =>
        string.Join("\n    ", text.Split('\n').Take(count).Select(l => l.TrimEnd()));
}
