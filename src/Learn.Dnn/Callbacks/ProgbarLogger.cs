namespace Learn.Dnn.Callbacks;

/// <summary>
/// The callback that draws a <see cref="Progbar"/> during Fit, Evaluate and Predict (Keras'
/// ProgbarLogger). In Fit it prints <c>Epoch 3/10</c> on its own line when there is more than one
/// epoch, then one bar per epoch whose final line carries the epoch's logs, validation included;
/// validation inside Fit draws no bar of its own. It also prints Fit's report of a NaN or infinite
/// loss, at every verbosity. Fit adds one after the user's callbacks (a silent one when verbose is 0);
/// Evaluate and Predict add one when verbose is not 0. Pass your own to choose the output and the
/// clock (tests do).
/// </summary>
[Chapter(5)]
public sealed class ProgbarLogger(TextWriter? output = null, Func<double>? clock = null, bool? dynamicDisplay = null) : Callback
{
    private Progbar? progbar;
    private int verbose = 1, epochs = 1, seen;
    private int? target;
    private bool calledInFit;

    private TextWriter Output => output ?? Console.Out;

    public override void SetParams(IReadOnlyDictionary<string, int> parameters)
    {
        base.SetParams(parameters);
        verbose = parameters.TryGetValue("verbose", out int v) ? v : 1;
        epochs = parameters.TryGetValue("epochs", out int e) ? e : 1;
        target = parameters.TryGetValue("steps", out int s) ? s : null;
    }

    public override void OnTrainBegin(IReadOnlyDictionary<string, double> logs) => calledInFit = true;

    public override void OnEpochBegin(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        Reset();
        if (verbose != 0 && epochs > 1)
        {
            Output.Write($"Epoch {epoch + 1}/{epochs}\n");
            Output.Flush();
        }
    }

    public override void OnTrainBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) => UpdateBar(batch, logs);
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs) => Finish(logs);

    public override void OnTestBegin(IReadOnlyDictionary<string, double> logs)
    {
        if (!calledInFit) Reset();
    }

    public override void OnTestBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
    {
        if (!calledInFit) UpdateBar(batch, logs);
    }

    public override void OnTestEnd(IReadOnlyDictionary<string, double> logs)
    {
        if (!calledInFit) Finish(logs);
    }

    /// <summary>The diagnosis on a line of its own after the bar, whatever the verbosity: a run that stops should say why.</summary>
    public override void OnNonFiniteLoss(NonFiniteLossException report)
    {
        Output.WriteLine(Environment.NewLine + report.Message);
        Output.Flush();
    }

    public override void OnPredictBegin(IReadOnlyDictionary<string, double> logs) => Reset();
    public override void OnPredictBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) => UpdateBar(batch, null);
    public override void OnPredictEnd(IReadOnlyDictionary<string, double> logs) => Finish(null);

    /// <summary>A fresh bar, whose clock starts now (at the epoch's beginning, as in Keras).</summary>
    private void Reset()
    {
        seen = 0;
        progbar = null;
        Bar();
    }

    private Progbar Bar() => progbar ??= new Progbar(target, verbose: verbose, unitName: "step",
                                                     output: Output, clock: clock, dynamicDisplay: dynamicDisplay);

    private void UpdateBar(int batch, IReadOnlyDictionary<string, double>? logs)
    {
        var bar = Bar();
        seen = batch + 1;   // one-based
        if (verbose == 1) bar.Update(seen, logs, finalize: false);
    }

    private void Finish(IReadOnlyDictionary<string, double>? logs)
    {
        var bar = Bar();
        if (target is null)
        {
            target = seen;
            bar.Target = seen;
        }
        bar.Update(target.Value, logs, finalize: true);
    }
}
