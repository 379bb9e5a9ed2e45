using System.Text.Json.Nodes;
using Learn.Dnn.Serialization;

namespace Learn.Dnn.Losses;

/// <summary>
/// A loss measures how far predictions are from targets, as one number to minimise: the mean over
/// the batch of a per-sample loss. Keras' argument order: <c>loss.Call(yTrue, yPred)</c>.
/// </summary>
[Chapter(3)]
[KerasModule("keras.losses")]
public abstract class Loss : IConfigurable
{
    /// <summary>The Keras name ("mean_squared_error", "categorical_crossentropy"...), declared on the class.</summary>
    public virtual string Name => KerasRegistry.NameOf(GetType());

    /// <summary>
    /// The mean loss over the batch, a scalar tensor carrying the gradient. Targets of shape [n]
    /// against predictions [n, 1] are first brought to the same rank, as Keras 3 does.
    /// </summary>
    public Tensor Call(Tensor yTrue, Tensor yPred)
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        (yTrue, yPred) = SameRank.SqueezeOrExpand(yTrue, yPred);   // [n] targets meet [n, 1] predictions, as in Keras 3
        Validate(yTrue, yPred);
        return Compute(yTrue, yPred);
    }

    /// <summary>Checks the target's shape against the prediction's; the default requires them equal.</summary>
    protected virtual void Validate(Tensor yTrue, Tensor yPred)
    {
        if (yTrue.Shape != yPred.Shape)
            throw new ShapeMismatchException($"{GetType().Name}: y_true has shape {yTrue.Shape} but y_pred has shape {yPred.Shape}; expected the same shape." + SameRank.Suggestion(yTrue.Shape, yPred.Shape));
    }

    protected abstract Tensor Compute(Tensor yTrue, Tensor yPred);

    /// <summary>
    /// Checks every target in <paramref name="y"/> once, before Fit or Evaluate runs a batch, so that a bad one
    /// is named by its sample in y, not by a row of a shuffled batch after earlier batches have changed the
    /// weights. <paramref name="outputWidth"/> gives the model's output width (its number of classes), for a
    /// loss that needs it. The default accepts every target; a loss whose targets have a range checks it.
    /// </summary>
    internal virtual void RequireTargets(Tensor y, Func<int> outputWidth, string operation) { }

    /// <summary>"y[5]" or "y[5, 1]": the element at flat index <paramref name="flat"/> of a tensor of <paramref name="shape"/>.</summary>
    internal static string ElementName(string tensor, Shape shape, int flat)
    {
        var index = new int[shape.Rank];
        for (int axis = shape.Rank - 1; axis >= 0; axis--)
        {
            index[axis] = flat % shape[axis];
            flat /= shape[axis];
        }
        return $"{tensor}[{string.Join(", ", index)}]";
    }

    /// <summary>Keras' fuzz factor ε: probabilities are clipped to [ε, 1 − ε] before a logarithm.</summary>
    public const float Epsilon = 1e-7f;

    #region get
    /// <summary>
    /// The loss Keras calls <paramref name="name"/>: "mse" (or "mean_squared_error"),
    /// "binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy": each
    /// declared on its class (<c>[KerasName("mean_squared_error", "mse")]</c>) and found by <see cref="KerasRegistry"/>.
    /// </summary>
    [Chapter(5)]
    public static Loss Get(string name) => KerasRegistry.Get<Loss>(name);

    /// <summary><c>model.Compile(..., loss: "mse")</c>: a Keras string stands for the loss.</summary>
    [Chapter(5)]
    public static implicit operator Loss(string name) => Get(name);
    #endregion

    /// <summary>Keras' get_config(): the constructor's arguments (<see cref="KerasConfig"/>).</summary>
    [Chapter(9)]
    public virtual JsonObject GetConfig() => KerasConfig.Of(this);

    public override string ToString() => Name;
}
