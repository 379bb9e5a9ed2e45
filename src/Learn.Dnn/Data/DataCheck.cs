namespace Learn.Dnn.Data;

/// <summary>Checks on data before it reaches a model, so bad numbers fail early with a clear message.</summary>
[Chapter(4)]
public static class DataCheck
{
    /// <summary>Throws when <paramref name="data"/> contains NaN or ±∞, naming the operation, the row and the column.</summary>
    public static void RequireFinite(Tensor data, string operation)
    {
        var values = data.ToArray();
        int rowLength = data.Rank == 0 ? 1 : data.Size / Math.Max(data.Shape[0], 1);
        for (int i = 0; i < values.Length; i++)
            if (!float.IsFinite(values[i]))
                throw new ArgumentException($"{operation}: the data contains {values[i]} at row {i / rowLength}, column {i % rowLength} (shape {data.Shape}); expected finite numbers — clean or impute missing values first.");
    }
}
