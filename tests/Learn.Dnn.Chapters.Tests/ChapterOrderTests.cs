using System.Reflection;

namespace Learn.Dnn.Chapters.Tests;

/// <summary>A chapter's program uses only what its own chapter or an earlier one introduces.</summary>
public sealed class ChapterOrderTests
{
    private static readonly Assembly Engine = typeof(Tensor).Assembly;

    public static TheoryData<int, string> Programs => new()
    {
        { 1, typeof(Chapter01).Assembly.Location },
        { 2, typeof(Chapter02).Assembly.Location },
        { 3, typeof(Chapter03).Assembly.Location },
        { 4, typeof(Chapter04).Assembly.Location },
        { 5, typeof(Chapter05).Assembly.Location },
        { 6, typeof(Chapter06).Assembly.Location },
        { 7, typeof(Chapter07).Assembly.Location },
        { 8, typeof(Chapter08).Assembly.Location },
        { 10, typeof(Chapter10).Assembly.Location },
    };

    [Theory]
    [MemberData(nameof(Programs))]
    public void Chapter_program_uses_nothing_from_a_later_chapter(int chapter, string program)
    {
        var violations = ChapterOrder.Violations(program, chapter, Engine);
        Assert.True(violations.Count == 0,
            $"Chapter {chapter}'s program ({Path.GetFileName(program)}) uses engine types or members that later chapters introduce: " +
            $"{string.Join(", ", violations)}. Use what chapters 1–{chapter} provide, or move the thing's [Chapter] earlier if the book introduces it here.");
    }

    [Fact]
    public void Every_public_engine_type_says_which_chapter_introduces_it()
    {
        var missing = ChapterOrder.TypesWithoutChapter(Engine);
        Assert.True(missing.Count == 0,
            $"These public engine types have no [Chapter(n)] attribute, so the chapter-order check cannot see them: {string.Join(", ", missing)}.");
    }

    [Fact]
    public void Check_catches_a_program_that_runs_ahead_of_its_chapter()
    {
        // Chapter 3's program, judged as if it were chapter 2's: Dense and the activations are chapter 3's.
        var violations = ChapterOrder.Violations(typeof(Chapter03).Assembly.Location, chapter: 2, Engine);
        Assert.Contains(violations, v => v.Name == "Learn.Dnn.Layers.Dense" && v.IntroducedIn == 3);
        Assert.Contains(violations, v => v.Name == "Learn.Dnn.Losses.MeanSquaredError" && v.IntroducedIn == 3);
        Assert.DoesNotContain(violations, v => v.Name == "Learn.Dnn.Tensor");   // chapter 1's, allowed in chapter 2
    }

    [Fact]
    public void Check_sees_members_introduced_after_their_type()
    {
        // Chapter 4's program, judged as chapter 3's: Datasets is a chapter-3 type, but Datasets.Iris is chapter 4's member,
        // and Tensor (chapter 1) has Softmax from chapter 4.
        var violations = ChapterOrder.Violations(typeof(Chapter04).Assembly.Location, chapter: 3, Engine);
        Assert.Contains(violations, v => v.Name == "Learn.Dnn.Data.Datasets.Iris" && v.IntroducedIn == 4);
        Assert.Contains(violations, v => v.Name == "Learn.Dnn.Tensor.Softmax" && v.IntroducedIn == 4);
        Assert.DoesNotContain(violations, v => v.Name == "Learn.Dnn.Data.Datasets");
    }

    [Fact]
    public void Check_flags_even_chapter_1_against_chapter_0()
    {
        var violations = ChapterOrder.Violations(typeof(Chapter01).Assembly.Location, chapter: 0, Engine);
        Assert.Contains(violations, v => v.Name == "Learn.Dnn.Tensor" && v.IntroducedIn == 1);
        Assert.Contains(violations, v => v.Name == "Learn.Dnn.Perceptrons.Perceptron" && v.IntroducedIn == 1);
    }
}
