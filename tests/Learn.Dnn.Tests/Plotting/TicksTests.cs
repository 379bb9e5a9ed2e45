using Xunit;
using FsCheck;
using FsCheck.Fluent;
using Learn.Dnn.Plotting;

namespace Learn.Dnn.Tests.Plotting;

public class TicksTests
{
    // A range [min, min + width] with magnitudes from 1e-12 to 1e12, negative or positive, and
    // widths from 0 (a constant series) to far larger than |min|.
    private static Arbitrary<(double Min, double Max)> Ranges() =>
        (from mantissa in Gen.Choose(-9999, 9999)
         from exponent in Gen.Choose(-12, 12)
         from widthMantissa in Gen.Choose(0, 9999)
         from widthExponent in Gen.Choose(-12, 12)
         let min = mantissa / 1000.0 * Math.Pow(10, exponent)
         let width = widthMantissa / 1000.0 * Math.Pow(10, widthExponent)
         select (min, min + width)).ToArbitrary();

    /// <summary>The 1, 2 or 5 × 10^k that <paramref name="step"/> is (up to rounding), or null if it is none.</summary>
    private static double? NiceStep(double step)
    {
        double exponent = Math.Floor(Math.Log10(step));
        double mantissa = step / Math.Pow(10, exponent);
        foreach (double m in new[] { 1.0, 2, 5, 10 })
            if (Math.Abs(mantissa - m) < 1e-4 * m)   // measured as a difference of ticks, the step loses digits
                return m * Math.Pow(10, exponent);
        return null;
    }

    [Fact]
    public void Linear_ticks_are_nice_evenly_spaced_and_cover_the_range()
    {
        Prop.ForAll(Ranges(), Gen.Choose(3, 12).ToArbitrary(), (range, maxCount) =>
        {
            var ticks = Ticks.Linear(range.Min, range.Max, maxCount);
            string context = $"Ticks.Linear({range.Min:R}, {range.Max:R}, {maxCount}) = [{string.Join(", ", ticks)}]";
            Assert.True(ticks.Length >= 2 && ticks.Length <= maxCount, $"{context}: expected 2 to {maxCount} ticks.");
            Assert.True(ticks[0] <= range.Min && ticks[^1] >= range.Max, $"{context}: the ticks must cover the data range.");
            double? nice = NiceStep(ticks[1] - ticks[0]);
            Assert.True(nice is not null, $"{context}: step {ticks[1] - ticks[0]:R} is not 1, 2 or 5 × 10^k.");
            double step = nice!.Value;
            for (int k = 1; k < ticks.Length; k++)
                Assert.True(Math.Abs(ticks[k] - ticks[k - 1] - step) <= 1e-9 * Math.Max(step, Math.Abs(ticks[k])),
                    $"{context}: ticks {k - 1} and {k} are not one step apart.");
            // a tick is a double: it can be off by a few units in its last place, which is a lot of
            // steps' worth of rounding when |t| is 10⁹ steps (−75680 with a step of 1e-5)
            Assert.True(ticks.All(t => Math.Abs(t / step - Math.Round(t / step)) < 1e-6 + 8 * (Math.BitIncrement(Math.Abs(t)) - Math.Abs(t)) / step),
                $"{context}: every tick must be a whole multiple of the step.");
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Tick_labels_are_distinct_and_parse_back_to_the_ticks()
    {
        Prop.ForAll(Ranges(), range =>
        {
            var ticks = Ticks.Linear(range.Min, range.Max);
            var labels = Ticks.Labels(ticks);
            string context = $"ticks [{string.Join(", ", ticks)}] labelled [{string.Join(", ", labels)}]";
            Assert.True(labels.Distinct().Count() == labels.Length, $"{context}: two ticks share a label.");
            double step = ticks[1] - ticks[0];
            for (int k = 0; k < ticks.Length; k++)
            {
                double parsed = double.Parse(labels[k], System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(Math.Abs(parsed - ticks[k]) < step * 1e-3, $"{context}: label \"{labels[k]}\" does not read as {ticks[k]:R}.");
            }
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(5.0, 5.0)]
    [InlineData(-3e-9, -3e-9)]
    [InlineData(1e12, 1e12)]
    public void A_constant_range_is_widened_not_divided_by_zero(double min, double max)
    {
        var ticks = Ticks.Linear(min, max);
        Assert.True(ticks.Length >= 2, $"a constant range {min} must still get at least two ticks, got [{string.Join(", ", ticks)}].");
        Assert.True(ticks[0] < min && ticks[^1] > max, $"the ticks [{string.Join(", ", ticks)}] must surround the constant {min}.");
        Assert.All(ticks, t => Assert.True(double.IsFinite(t)));
    }

    [Fact]
    public void Simple_ranges_get_the_ticks_a_person_would_draw()
    {
        Assert.Equal([0, 0.5, 1, 1.5, 2, 2.5], Ticks.Linear(0.03, 2.3, 8));
        Assert.Equal(["0", "0.5", "1.0", "1.5", "2.0", "2.5"], Ticks.Labels(Ticks.Linear(0.03, 2.3, 8)));
        Assert.Equal([-4, -2, 0, 2, 4], Ticks.Linear(-4, 4, 6));
        Assert.Equal(["0", "2e6", "4e6"], Ticks.Labels([0, 2e6, 4e6]));
    }

    [Fact]
    public void Log_ticks_cover_the_range_with_powers_of_ten()
    {
        var positive = (from mantissa in Gen.Choose(1, 9999)
                        from exponent in Gen.Choose(-10, 10)
                        from decades in Gen.Choose(0, 12)
                        from fraction in Gen.Choose(0, 1000)
                        let min = mantissa / 1000.0 * Math.Pow(10, exponent)
                        select (min, min * Math.Pow(10, decades * fraction / 1000.0))).ToArbitrary();
        Prop.ForAll(positive, range =>
        {
            var ticks = Ticks.Log(range.Item1, range.Item2);
            string context = $"Ticks.Log({range.Item1:R}, {range.Item2:R}) = [{string.Join(", ", ticks)}]";
            Assert.True(ticks.Length >= 2, $"{context}: expected at least two ticks.");
            Assert.True(ticks[0] <= range.Item1 * (1 + 1e-12) && ticks[^1] >= range.Item2 * (1 - 1e-12), $"{context}: must cover the range.");
            Assert.True(ticks.All(t => t > 0) && ticks.Zip(ticks.Skip(1)).All(p => p.First < p.Second), $"{context}: must increase.");
            Assert.Equal(ticks.Length, Ticks.LogLabels(ticks).Distinct().Count());
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Non_finite_or_reversed_ranges_are_rejected_with_the_range_in_the_message()
    {
        var nan = Assert.Throws<ArgumentException>(() => Ticks.Linear(double.NaN, 1));
        Assert.Contains("finite", nan.Message);
        var reversed = Assert.Throws<ArgumentException>(() => Ticks.Linear(2, 1));
        Assert.Contains("[2, 1]", reversed.Message);
        Assert.Throws<ArgumentException>(() => Ticks.Log(0, 1));
    }
}
