using System.Reflection;
using System.Text.Json.Nodes;
using Learn.Dnn.Activations;
using Activation = Learn.Dnn.Activations.Activation;
using Learn.Dnn.Callbacks;
using Learn.Dnn.Convolution;
using Learn.Dnn.Serialization;
using Learn.Dnn.Layers;
using Learn.Dnn.Layers.Initializers;
using Learn.Dnn.Losses;
using Learn.Dnn.Merging;
using Learn.Dnn.Metrics;
using Learn.Dnn.Models;
using Learn.Dnn.Optimizers;
using Learn.Dnn.Optimizers.Schedules;
using Learn.Dnn.Regularization;

namespace Learn.Dnn.Tests.Serialization;

/// <summary>
/// Every configurable class of the engine, found by reflection, survives config → FromConfig →
/// config unchanged, for many generated constructor arguments, and the rebuilt object behaves as
/// the original. A new class whose constructor takes an argument it cannot give back fails here.
/// </summary>
public sealed class ConfigRoundTripTests
{
    private const int Samples = 25;

    /// <summary>Classes that take code (a delegate) rather than data: no config can hold them, as in Keras.</summary>
    private static bool TakesCode(Type type) =>
        type.GetConstructors().All(c => c.GetParameters().Any(p => typeof(Delegate).IsAssignableFrom(Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType)));

    public static IEnumerable<Type> ConfigurableClasses() =>
        typeof(IConfigurable).Assembly.GetExportedTypes()
            .Where(t => !t.IsAbstract && typeof(IConfigurable).IsAssignableFrom(t) && !TakesCode(t))
            .OrderBy(t => t.FullName);

    public static TheoryData<string> ClassNames() => new(ConfigurableClasses().Select(t => t.FullName!));

    [Fact]
    public void Every_family_of_configurable_objects_is_covered()
    {
        var covered = ConfigurableClasses().ToList();
        foreach (var family in new[] { typeof(Layer), typeof(Activation), typeof(Initializer), typeof(Regularizer), typeof(Loss),
                                       typeof(Metric), typeof(Optimizer), typeof(LearningRateSchedule), typeof(Callback) })
            Assert.True(covered.Any(family.IsAssignableFrom), $"No configurable {family.Name} was found.");
        foreach (var layer in new[] { typeof(Dense), typeof(Dropout), typeof(Flatten), typeof(Input), typeof(Conv2D), typeof(MaxPooling2D),
                                      typeof(AveragePooling2D), typeof(BatchNormalization), typeof(Learn.Dnn.Recurrent.SimpleRNN), typeof(Learn.Dnn.Recurrent.GRU), typeof(Learn.Dnn.Recurrent.LSTM), typeof(Sequential),
                                      typeof(Concatenate), typeof(Add), typeof(Subtract), typeof(Multiply), typeof(Average), typeof(Maximum),
                                      typeof(Learn.Dnn.Layers.Activation), typeof(Reshape), typeof(GlobalAveragePooling2D), typeof(GlobalMaxPooling2D),
                                      typeof(GlobalAveragePooling1D), typeof(GlobalMaxPooling1D) })
            Assert.Contains(layer, covered);
    }

    [Theory]
    [MemberData(nameof(ClassNames))]
    public void Config_then_FromConfig_then_config_is_the_identity_and_the_object_behaves_the_same(string className)
    {
        var type = typeof(IConfigurable).Assembly.GetType(className)!;
        int built = 0;
        for (int sample = 0; sample < Samples; sample++)
        {
            var random = new Random(1000 * sample + type.Name.Length);
            if (Arguments.TryCreate(type, random) is not { } original) continue;   // arguments the constructor rejects
            built++;
            var config = original.GetConfig();
            var rebuilt = (IConfigurable)KerasConfig.FromConfig(type, config);
            Assert.IsType(type, rebuilt);
            Assert.Equal(config.ToJsonString(), rebuilt.GetConfig().ToJsonString());
            var deserialized = Deserialize(KerasConfig.Serialize(original), Family(type));
            Assert.IsType(type, deserialized);
            Assert.Equal(config.ToJsonString(), deserialized.GetConfig().ToJsonString());
            Behaviour.AssertSame(original, rebuilt);
        }
        Assert.True(built >= 3, $"{type.Name}: only {built} of {Samples} generated argument lists were accepted by its constructor; teach the generator its arguments.");
    }

    /// <summary>The base class that declares the family's Keras module (Layer, Optimizer...; Sequential itself).</summary>
    private static Type Family(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
            if (t.GetCustomAttribute<KerasModuleAttribute>(inherit: false) is not null) return t;
        throw new InvalidOperationException($"{type.Name} has no [KerasModule] base.");
    }

    private static IConfigurable Deserialize(JsonNode? node, Type family) =>
        (IConfigurable)typeof(KerasConfig).GetMethod(nameof(KerasConfig.Deserialize))!.MakeGenericMethod(family).Invoke(null, [node])!;

    /// <summary>Random constructor arguments: by the argument's name where it has rules (padding, mode...), else by its type.</summary>
    private static class Arguments
    {
        private static readonly int[][] TargetShapesOfFour = [[4], [2, 2], [-1], [2, -1], [-1, 2], [1, 4, 1], [2, 2, 1], [4, -1]];

        private static readonly string[] ActivationNames = ["relu", "tanh", "sigmoid", "linear", "elu", "softmax", "leaky_relu", "gelu", "softplus"];

        public static IConfigurable? TryCreate(Type type, Random random)
        {
            var constructor = KerasConfig.FullConstructor(type);
            var chosen = new Dictionary<string, object?>();
            foreach (var parameter in constructor.GetParameters())
                chosen[parameter.Name!] = parameter.HasDefaultValue && parameter.Name != "saveWeightsOnly" && random.Next(4) == 0
                    ? parameter.DefaultValue : Value(parameter, random, chosen);
            try { return (IConfigurable)constructor.Invoke(chosen.Values.ToArray()); }
            catch (TargetInvocationException e) when (e.InnerException is ArgumentException) { return null; }
        }

        private static object? Value(ParameterInfo parameter, Random random, Dictionary<string, object?> chosen)
        {
            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            bool nullable = type != parameter.ParameterType || !type.IsValueType;
            switch (parameter.Name)
            {
                case "padding": return random.Next(2) == 0 ? "valid" : "same";
                case "mode": return new[] { "auto", "min", "max" }[random.Next(3)];
                case "monitor": return random.Next(2) == 0 ? "val_loss" : "accuracy";
                case "filepath": return "best" + Model.WeightsExtension;
                case "filename": return "log.csv";
                case "separator": return ";";
                case "saveWeightsOnly": return true;   // the only value this chapter supports
                case "saveFreq": return random.Next(2) == 0 ? (SaveFrequency)"epoch" : (SaveFrequency)random.Next(1, 50);
                case "name": return random.Next(2) == 0 ? null : $"{parameter.Member.DeclaringType!.Name.ToLowerInvariant()}_{random.Next(100)}";
                case "shape": return Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(1, 6)).ToArray();
                case "targetShape": return TargetShapesOfFour[random.Next(TargetShapesOfFour.Length)];   // the behaviour check's samples have 4 values
                case "axis" when parameter.Member.DeclaringType == typeof(BatchNormalization):
                    return random.Next(2) == 0 ? -1 : 1;   // the behaviour check feeds [2, 4]
                case "axis": return new[] { -1, -2, 0, 1 }[random.Next(4)];
                case "noiseShape": return random.Next(2) == 0 ? null : new int?[] { null, 1 };
                case "layers": return new Layer[] { new Input(4), new Dense(random.Next(1, 5), "relu", seed: (ulong)random.Next(100)), new Dropout(0.25) };
                case "boundaries":
                    long start = random.Next(1, 10);
                    return Enumerable.Range(0, random.Next(0, 4)).Select(i => start + 10L * i).ToArray();
                case "values" when chosen.TryGetValue("boundaries", out var b) && b is long[] boundaries:
                    return Enumerable.Range(0, boundaries.Length + 1).Select(_ => (float)random.NextDouble()).ToArray();
                case "activation" or "recurrentActivation" when type == typeof(string):
                    return ActivationNames[random.Next(ActivationNames.Length)];
                case "warmupSteps": return (long)random.Next(1, 100);
                case "betaInitializer" or "gammaInitializer" or "movingMeanInitializer" or "movingVarianceInitializer":
                    return random.Next(3) == 0 ? null : new Constant((float)Math.Round(random.NextDouble() + 0.1, 2));   // a [C] vector; a variance > 0
                case "biasInitializer" when random.Next(2) == 0: return new Constant((float)Math.Round(random.NextDouble(), 2));
                case "biasInitializer": return new GlorotNormal();   // not Orthogonal: a bias has rank 1
            }
            if (nullable && random.Next(3) == 0) return null;
            if (type == typeof(bool)) return random.Next(2) == 0;
            if (type == typeof(int)) return random.Next(1, 10);
            if (type == typeof(long)) return (long)random.Next(1, 1000);
            if (type == typeof(ulong)) return (ulong)random.NextInt64(0, long.MaxValue);
            if (type == typeof(float)) return (float)Math.Round(random.NextDouble(), 3);
            if (type == typeof(double)) return Math.Round(random.NextDouble(), 3);
            if (type == typeof((int, int))) return (random.Next(1, 4), random.Next(1, 4));
            if (type == typeof(string)) return "x";
            if (type == typeof(Activation))
                return random.Next(4) switch
                {
                    0 => Activation.Get(ActivationNames[random.Next(ActivationNames.Length)]),
                    1 => new LeakyRelu((float)Math.Round(random.NextDouble(), 2)),
                    2 => new Elu((float)Math.Round(random.NextDouble() + 0.5, 2)),
                    _ => new Gelu(random.Next(2) == 0),
                };
            if (type == typeof(Initializer))
                return random.Next(6) switch
                {
                    0 => new GlorotUniform(), 1 => new GlorotNormal(), 2 => new HeNormal(), 3 => new HeUniform(),
                    4 => new Orthogonal((float)Math.Round(random.NextDouble() + 0.5, 2)), _ => new Constant((float)Math.Round(random.NextDouble(), 2)),
                };
            if (type == typeof(Regularizer))
                return random.Next(3) switch
                {
                    0 => new L1((float)Math.Round(random.NextDouble(), 3)),
                    1 => new L2((float)Math.Round(random.NextDouble(), 3)),
                    _ => new L1L2((float)Math.Round(random.NextDouble(), 3), (float)Math.Round(random.NextDouble(), 3)),
                };
            if (type == typeof(LearningRateSchedule))
                return random.Next(3) switch
                {
                    0 => (LearningRateSchedule)(float)Math.Round(random.NextDouble(), 3),
                    1 => new ExponentialDecay(0.1f, random.Next(1, 100), 0.9f, random.Next(2) == 0),
                    _ => new CosineDecay(0.1f, random.Next(1, 100), alpha: 0.05f),
                };
            throw new InvalidOperationException($"The generator does not know how to make a {parameter.ParameterType.Name} for '{parameter.Name}' of {parameter.Member.DeclaringType!.Name}.");
        }
    }

    /// <summary>The rebuilt object computes what the original computes.</summary>
    private static class Behaviour
    {
        private static Tensor RandomTensor(ulong seed, params int[] shape) => new Rng(seed).Uniform(new Shape(shape), -1f, 1f);

        public static void AssertSame(IConfigurable original, IConfigurable rebuilt)
        {
            switch (original)
            {
                case Initializer initializer:
                    var shape = new Shape(4, 3);
                    Assert.Equal(initializer.Create(shape, 4, 3, new Rng(7)).ToArray(), ((Initializer)rebuilt).Create(shape, 4, 3, new Rng(7)).ToArray());
                    break;
                case Activation activation:
                    var x = RandomTensor(3, 2, 5);
                    Assert.Equal(activation.Call(x).ToArray(), ((Activation)rebuilt).Call(x).ToArray());
                    break;
                case Regularizer regularizer:
                    var w = RandomTensor(4, 3, 3);
                    Assert.Equal(regularizer.Call(w).Item(), ((Regularizer)rebuilt).Call(w).Item());
                    break;
                case LearningRateSchedule schedule:
                    for (long step = 0; step < 60; step += 7) Assert.Equal(schedule[step], ((LearningRateSchedule)rebuilt)[step]);
                    break;
                case Optimizer optimizer:
                    Assert.Equal(optimizer.Name, ((Optimizer)rebuilt).Name);
                    Assert.Equal(Step(optimizer), Step((Optimizer)rebuilt));
                    break;
                case Loss loss:
                    var (yTrue, yPred) = (Tensor.FromArray([0f, 1f, 1f, 0f, 0f, 1f], 3, 2), Tensor.FromArray([0.2f, 0.8f, 0.6f, 0.4f, 0.9f, 0.1f], 3, 2));
                    if (loss is SparseCategoricalCrossentropy) yTrue = Tensor.FromArray([1f, 0f, 1f], 3);
                    Assert.Equal(loss.Call(yTrue, yPred).Item(), ((Loss)rebuilt).Call(yTrue, yPred).Item());
                    break;
                case Metric metric:
                    Assert.Equal(metric.Name, ((Metric)rebuilt).Name);
                    break;
                case Learn.Dnn.Recurrent.RecurrentLayer recurrent when recurrent.ReturnState:
                    var sequence = RandomTensor(5, 2, 3, 4);
                    var (output, states) = recurrent.CallWithState(sequence);
                    var (output2, states2) = ((Learn.Dnn.Recurrent.RecurrentLayer)rebuilt).CallWithState(sequence);
                    Assert.Equal(output.ToArray(), output2.ToArray());
                    Assert.Equal(states.SelectMany(t => t.ToArray()), states2.SelectMany(t => t.ToArray()));
                    break;
                case Merge merge:
                    var (a, b) = (RandomTensor(5, 2, 4), RandomTensor(6, 2, 4));
                    Assert.Equal(merge.Call([a, b])[0].ToArray(), ((Layer)rebuilt).Call([a, b])[0].ToArray());
                    break;
                case Layer layer and not (Input or Sequential):
                    var input = layer switch
                    {
                        Conv2D or Pooling2D or GlobalAveragePooling2D or GlobalMaxPooling2D => RandomTensor(5, 2, 6, 6, 2),
                        GlobalAveragePooling1D or GlobalMaxPooling1D => RandomTensor(5, 2, 3, 4),
                        Learn.Dnn.Recurrent.RecurrentLayer => RandomTensor(5, 2, 3, 4),
                        _ => RandomTensor(5, 2, 4),
                    };
                    Assert.Equal(layer.Call(input).ToArray(), ((Layer)rebuilt).Call(input).ToArray());
                    break;
            }
        }

        /// <summary>The weights after two steps on a fixed gradient.</summary>
        private static float[] Step(Optimizer optimizer)
        {
            var w = Tensor.FromArray([0.5f, -1f, 2f], 3);
            w.RequiresGrad = true;
            for (int i = 0; i < 2; i++)
            {
                w.ZeroGrad();
                w.AccumulateGrad(Tensor.FromArray([0.3f, -0.2f, 0.1f], 3));
                optimizer.Apply([w]);
            }
            return w.ToArray();
        }
    }
}
