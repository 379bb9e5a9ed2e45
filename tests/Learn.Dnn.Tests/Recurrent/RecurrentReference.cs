namespace Learn.Dnn.Tests.Recurrent;

/// <summary>
/// The three cells written again, independently of the engine: plain loops in double over the
/// weights in Keras' layout (kernel [F, G·U], recurrent kernel [U, G·U], gates side by side).
/// </summary>
internal static class RecurrentReference
{
    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    /// <summary>Σ_f x[f]·W[f, col] for the row-major W with <paramref name="width"/> columns.</summary>
    private static double Dot(double[] x, double[] w, int width, int col)
    {
        double s = 0;
        for (int f = 0; f < x.Length; f++) s += x[f] * w[f * width + col];
        return s;
    }

    /// <summary>Every h_t (hs[t][b][j]) and the final c of the cell over x: [batch, T, F].</summary>
    public static (double[][][] Hs, double[][] C) Run(string cell, float[] x, int batch, int steps, int features, int units,
                                                     float[] kernel, float[] recurrent, float[] bias)
    {
        double[] W = kernel.Select(v => (double)v).ToArray(), U = recurrent.Select(v => (double)v).ToArray(),
                 b = bias.Select(v => (double)v).ToArray();
        int gates = cell switch { "simple_rnn" => 1, "gru" => 3, _ => 4 }, width = gates * units;
        var hs = new double[steps][][];
        var cFinal = new double[batch][];
        for (int n = 0; n < batch; n++)
        {
            var h = new double[units];
            var c = new double[units];
            for (int t = 0; t < steps; t++)
            {
                var xt = Enumerable.Range(0, features).Select(f => (double)x[(n * steps + t) * features + f]).ToArray();
                var hNew = new double[units];
                var cNew = new double[units];
                for (int j = 0; j < units; j++)
                {
                    double In(int g) => Dot(xt, W, width, g * units + j);   // x·W for gate g, unit j
                    double Rec(int g) => Dot(h, U, width, g * units + j);   // h₋·U for gate g, unit j
                    switch (cell)
                    {
                        case "simple_rnn":
                            hNew[j] = Math.Tanh(In(0) + Rec(0) + b[j]);
                            break;
                        case "gru":   // b[0, :] input bias, b[1, :] recurrent bias; reset after the product
                            double z = Sigmoid(In(0) + b[j] + Rec(0) + b[width + j]);
                            double r = Sigmoid(In(1) + b[units + j] + Rec(1) + b[width + units + j]);
                            double hh = Math.Tanh(In(2) + b[2 * units + j] + r * (Rec(2) + b[width + 2 * units + j]));
                            hNew[j] = z * h[j] + (1 - z) * hh;
                            break;
                        default:      // lstm: i, f, c, o
                            double i = Sigmoid(In(0) + Rec(0) + b[j]);
                            double f = Sigmoid(In(1) + Rec(1) + b[units + j]);
                            double g = Math.Tanh(In(2) + Rec(2) + b[2 * units + j]);
                            double o = Sigmoid(In(3) + Rec(3) + b[3 * units + j]);
                            cNew[j] = f * c[j] + i * g;
                            hNew[j] = o * Math.Tanh(cNew[j]);
                            break;
                    }
                }
                h = hNew;
                c = cNew;
                hs[t] ??= new double[batch][];
                hs[t][n] = h;
            }
            cFinal[n] = c;
        }
        return (hs, cFinal);
    }
}
