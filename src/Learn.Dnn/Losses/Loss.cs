namespace Learn.Dnn.Losses;

/// <summary>
/// A loss measures how far predictions are from targets, as one number to minimise: the mean over
/// the batch of a per-sample loss. Keras' argument order: <c>loss.Call(yTrue, yPred)</c>.
/// </summary>
[Chapter(3)]
public abstract class Loss
{
    /// <summary>The Keras name ("mean_squared_error", "categorical_crossentropy"...).</summary>
    public abstract string Name { get; }

    /// <summary>The mean loss over the batch, a scalar tensor carrying the gradient.</summary>
    public Tensor Call(Tensor yTrue, Tensor yPred)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        Validate(yTrue, yPred);
        return Compute(yTrue, yPred);
    }

    /// <summary>Checks the target's shape against the prediction's; the default requires them equal.</summary>
    protected virtual void Validate(Tensor yTrue, Tensor yPred)
    {
        if (yTrue.Shape != yPred.Shape)
            throw new ShapeMismatchException($"{GetType().Name}: y_true has shape {yTrue.Shape} but y_pred has shape {yPred.Shape}; expected the same shape.");
    }

    protected abstract Tensor Compute(Tensor yTrue, Tensor yPred);

    /// <summary>Keras' fuzz factor ε: probabilities are clipped to [ε, 1 − ε] before a logarithm.</summary>
    public const float Epsilon = 1e-7f;

    #region get
    /// <summary>
    /// The loss Keras calls <paramref name="name"/>: "mse" (or "mean_squared_error"),
    /// "binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy".
    /// </summary>
    [Chapter(5)]
    public static Loss Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "mse" or "mean_squared_error" => new MeanSquaredError(),
            "binary_crossentropy" => new BinaryCrossentropy(),
            "categorical_crossentropy" => new CategoricalCrossentropy(),
            "sparse_categorical_crossentropy" => new SparseCategoricalCrossentropy(),
            _ => throw new ArgumentException(
                $"Loss: unknown name \"{name}\"; expected mse, mean_squared_error, binary_crossentropy, categorical_crossentropy or sparse_categorical_crossentropy.", nameof(name)),
        };
    }

    /// <summary><c>model.Compile(..., loss: "mse")</c>: a Keras string stands for the loss.</summary>
    [Chapter(5)]
    public static implicit operator Loss(string name) => Get(name);
    #endregion

    public override string ToString() => Name;
}
