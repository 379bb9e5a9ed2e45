namespace Learn.Dnn.Charts;

/// <summary>
/// Marching squares: the line where a sampled field f crosses a level (the 0.5 contour of a
/// probability). For each grid cell, an edge whose two corners lie on opposite sides of the level
/// is cut at the linearly interpolated point a + (level − f(a))/(f(b) − f(a))·(b − a); the cuts are
/// joined pairwise into segments, and the segments into polylines. Saddle cells (four cuts) are
/// resolved by the cell's mean value.
/// </summary>
internal static class Contour
{
    /// <param name="field">[rows, columns] samples; sample [r, c] lies at grid point (c, r).</param>
    /// <param name="level">The contour value, e.g. 0.5 for a probability.</param>
    /// <returns>Polylines in grid coordinates (column, row), fractional.</returns>
    public static List<List<(double X, double Y)>> Lines(double[,] field, double level) => Join(Segments(field, level));

    public static List<((double X, double Y) From, (double X, double Y) To)> Segments(double[,] field, double level)
    {
        var segments = new List<((double, double), (double, double))>();
        int rows = field.GetLength(0), columns = field.GetLength(1);
        for (int r = 0; r + 1 < rows; r++)
            for (int c = 0; c + 1 < columns; c++)
            {
                // Corners counter-clockwise: a (c, r), b (c+1, r), c' (c+1, r+1), d (c, r+1).
                (double X, double Y)[] corners = [(c, r), (c + 1, r), (c + 1, r + 1), (c, r + 1)];
                double[] f = [field[r, c], field[r, c + 1], field[r + 1, c + 1], field[r + 1, c]];
                var cuts = new (double X, double Y)?[4];      // cut on edge k, between corner k and corner k+1
                int count = 0;
                for (int k = 0; k < 4; k++)
                {
                    double fa = f[k], fb = f[(k + 1) % 4];
                    if ((fa >= level) == (fb >= level)) continue;
                    double t = (level - fa) / (fb - fa);
                    var (pa, pb) = (corners[k], corners[(k + 1) % 4]);
                    cuts[k] = (pa.X + t * (pb.X - pa.X), pa.Y + t * (pb.Y - pa.Y));
                    count++;
                }
                if (count == 2)
                {
                    var ends = cuts.Where(p => p.HasValue).Select(p => p!.Value).ToArray();
                    segments.Add((ends[0], ends[1]));
                }
                else if (count == 4)
                {
                    bool centreOnSideOfA = (f.Average() >= level) == (f[0] >= level);
                    if (centreOnSideOfA)
                    {
                        segments.Add((cuts[0]!.Value, cuts[1]!.Value));   // cut off corner b
                        segments.Add((cuts[2]!.Value, cuts[3]!.Value));   // cut off corner d
                    }
                    else
                    {
                        segments.Add((cuts[3]!.Value, cuts[0]!.Value));   // cut off corner a
                        segments.Add((cuts[1]!.Value, cuts[2]!.Value));   // cut off corner c'
                    }
                }
            }
        return segments;
    }

    /// <summary>Chains segments that share an end point (neighbouring cells cut their shared edge at the same point) into polylines.</summary>
    private static List<List<(double X, double Y)>> Join(List<((double X, double Y) From, (double X, double Y) To)> segments)
    {
        static (long, long) Key((double X, double Y) p) => ((long)Math.Round(p.X * 1e6), (long)Math.Round(p.Y * 1e6));
        var byEnd = new Dictionary<(long, long), List<int>>();
        for (int s = 0; s < segments.Count; s++)
            foreach (var end in new[] { segments[s].From, segments[s].To })
            {
                if (!byEnd.TryGetValue(Key(end), out var list)) byEnd[Key(end)] = list = [];
                list.Add(s);
            }
        var used = new bool[segments.Count];
        var lines = new List<List<(double X, double Y)>>();
        for (int s = 0; s < segments.Count; s++)
        {
            if (used[s]) continue;
            used[s] = true;
            var line = new LinkedList<(double X, double Y)>([segments[s].From, segments[s].To]);
            Extend(line, atEnd: true);
            Extend(line, atEnd: false);
            lines.Add([.. line]);
        }
        return lines;

        void Extend(LinkedList<(double X, double Y)> line, bool atEnd)
        {
            while (true)
            {
                var tip = atEnd ? line.Last!.Value : line.First!.Value;
                int next = byEnd[Key(tip)].FirstOrDefault(i => !used[i], -1);
                if (next < 0) return;
                used[next] = true;
                var other = Key(segments[next].From) == Key(tip) ? segments[next].To : segments[next].From;
                if (atEnd) line.AddLast(other); else line.AddFirst(other);
            }
        }
    }
}
