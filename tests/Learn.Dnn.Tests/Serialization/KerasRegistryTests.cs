using System.Reflection;
using Learn.Dnn.Activations;
using Learn.Dnn.Serialization;
using Learn.Dnn.Layers.Initializers;
using Learn.Dnn.Losses;
using Learn.Dnn.Metrics;
using Learn.Dnn.Optimizers;
using Learn.Dnn.Regularization;

namespace Learn.Dnn.Tests.Serialization;

/// <summary>Every Keras name is declared once, resolves, and an unknown one is answered with the list of known ones.</summary>
public sealed class KerasRegistryTests
{
    /// <summary>The families whose strings the registry resolves, each with its Get.</summary>
    private static readonly (Type Family, Func<string, object?> Get)[] Families =
    [
        (typeof(Activation), name => Activation.Get(name)),
        (typeof(Loss), name => Loss.Get(name)),
        (typeof(Metric), name => Metric.Get(name)),
        (typeof(Optimizer), name => Optimizer.Get(name)),
        (typeof(Initializer), name => Initializer.Get(name)),
        (typeof(Regularizer), name => Regularizer.Get(name)),
    ];

    private static IReadOnlyList<string> Names(Type family) =>
        (IReadOnlyList<string>)typeof(KerasRegistry).GetMethod(nameof(KerasRegistry.Names))!.MakeGenericMethod(family).Invoke(null, null)!;

    [Fact]
    public void Every_declared_name_and_alias_resolves_to_a_new_object_of_its_family()
    {
        foreach (var (name, declarer, result) in KerasRegistry.All)
        {
            var (family, get) = Families.Single(f => f.Family.IsAssignableFrom(result));
            var first = get(name);
            Assert.True(first is not null && family.IsInstanceOfType(first), $"\"{name}\" (declared on {declarer.Name}) gave {first?.GetType().Name ?? "null"}, expected a {family.Name}.");
            Assert.NotSame(first, get(name.ToUpperInvariant()));
        }
    }

    [Fact]
    public void Each_name_is_declared_once_in_its_family()
    {
        foreach (var (family, _) in Families)
        {
            var duplicates = Names(family).GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(duplicates.Count == 0, $"{family.Name}: declared more than once: {string.Join(", ", duplicates)}.");
        }
    }

    [Fact]
    public void An_unknown_name_is_an_error_that_lists_the_valid_names()
    {
        foreach (var (family, get) in Families)
        {
            var error = Assert.Throws<ArgumentException>(() => get("no_such_name"));
            Assert.Contains($"{family.Name}: unknown name \"no_such_name\"", error.Message);
            foreach (string name in Names(family)) Assert.Contains(name, error.Message);
        }
    }

    [Fact]
    public void The_strings_that_resolved_before_still_resolve_to_the_same_objects()
    {
        Assert.Null(Activation.Get(null));
        Assert.Null(Activation.Get(""));
        Assert.Null(Activation.Get("linear"));
        Assert.Equal(0.2f, Assert.IsType<LeakyRelu>(Activation.Get("leaky_relu")).Alpha);   // the activation's slope, not the layer's 0.3
        Assert.Equal(1f, Assert.IsType<Elu>(Activation.Get("ELU")).Alpha);
        Assert.False(Assert.IsType<Gelu>(Activation.Get("gelu")).Approximate);
        Assert.Equal(["elu", "gelu", "leaky_relu", "linear", "relu", "sigmoid", "softmax", "softplus", "tanh"], Names(typeof(Activation)));

        Assert.IsType<MeanSquaredError>(Loss.Get("mse"));
        Assert.IsType<MeanSquaredError>(Loss.Get(" Mean_Squared_Error "));
        Assert.False(Assert.IsType<CategoricalCrossentropy>(Loss.Get("categorical_crossentropy")).FromLogits);

        Assert.Equal("acc", Metric.Get("acc").Name);                       // logged under the name as written
        Assert.Equal("accuracy", Metric.Get(" accuracy ").Name);
        Assert.IsType<BinaryAccuracy>(Metric.ForAccuracy(new Shape(4, 1), new Shape(4, 1)));
        Assert.Equal(0.5f, Assert.IsType<BinaryAccuracy>(Metric.Get("binary_accuracy")).Threshold);

        Assert.Equal(0f, Assert.IsType<Constant>(Initializer.Get("zeros")).Value);
        Assert.Equal(1f, Assert.IsType<Constant>(Initializer.Get("ones")).Value);
        Assert.Equal(1f, Assert.IsType<Orthogonal>(Initializer.Get("orthogonal")).Gain);

        Assert.Equal(0.01f, Assert.IsType<L2>(Regularizer.Get("l2")).Factor);
        var l1l2 = Assert.IsType<L1L2>(Regularizer.Get("l1l2"));
        Assert.Equal((0f, 0f), (l1l2.L1Factor, l1l2.L2Factor));

        Assert.Equal(0.01f, Assert.IsType<SGD>(Optimizer.Get("sgd")).LearningRate);
    }

    [Fact]
    public void The_Name_of_a_class_is_its_first_declared_name()
    {
        Assert.Equal("relu", new Relu().Name);
        Assert.Equal("leaky_relu", new LeakyRelu().Name);
        Assert.Equal("mean_squared_error", new MeanSquaredError().Name);
        Assert.Equal("adamw", new AdamW().Name);
    }

    [Fact]
    public void Every_concrete_activation_loss_and_optimizer_declares_its_name_on_its_own_file()
    {
        var engine = typeof(KerasRegistry).Assembly.GetExportedTypes();
        var undeclared = engine
            .Where(t => !t.IsAbstract && (typeof(Activation).IsAssignableFrom(t) || typeof(Loss).IsAssignableFrom(t) || typeof(Optimizer).IsAssignableFrom(t)))
            .Where(t => KerasRegistry.All.All(d => d.Declarer != t))
            .Select(t => t.Name).ToList();
        Assert.True(undeclared.Count == 0, $"No [KerasName] on: {string.Join(", ", undeclared)}.");
    }
}
