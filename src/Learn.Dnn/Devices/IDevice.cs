namespace Learn.Dnn.Devices;

/// <summary>
/// A device: where tensors live, and the primitives every tensor operation is built from.
/// The reference device (plain loops, the code the book shows) defines what each primitive
/// computes; the fast CPU device (chapter 10) and the OpenCL device (chapter 11) compute the same
/// numbers faster, and the parity tests check them against the reference. Operations, layers and
/// chapter programs never know which one runs them.
/// Every storage argument must have been allocated by this device; shapes are row-major.
/// Outputs are overwritten, never accumulated, unless the method says otherwise.
/// <para>
/// <b>What earns a method here.</b> Two kinds, 28 methods in all:
/// </para>
/// <list type="number">
/// <item><b>Generic primitives</b> (19): memory; GEMM; map (<see cref="Unary"/>), zip (<see cref="Binary"/>)
/// and reduce, each taking its function or its shape as an argument, so that one method serves every
/// activation, every elementwise operation, every axis; the optimizer update; gathering and copying rows
/// and columns; random numbers. An operation or a layer is first written with these.</item>
/// <item><b>Fused kernels</b> (9: convolution ×3, pooling ×2, the LSTM and GRU cells ×2 each): one layer's
/// work in one call, kept only where a measurement on the fast CPU device shows that the composed form
/// is slower, or where the generic primitives cannot express it. Each says why in one line, with its
/// measurement: <c>dotnet run -c Release --project tests/Learn.Dnn.Benchmarks -- fused-kernels</c>
/// (fused against composed, in ms, each the best of 9 runs; the ranges span four runs on a 2-core
/// Intel Xeon shared with other builds).
/// The reference device computes each one as the plain loops of its definition, the loops the
/// book shows; a fused kernel without a measurement goes back to the composed form.</item>
/// </list>
/// </summary>
[Chapter(1)]
public interface IDevice
{
    /// <summary>"reference", "cpu", or "opencl:&lt;device name&gt;".</summary>
    string Name { get; }

    // ======== generic primitives ====================================================================

    // ---- memory -------------------------------------------------------------------------------

    /// <summary>A new storage of <paramref name="length"/> zeros.</summary>
    Storage Allocate(int length);

    /// <summary>
    /// A new storage whose numbers are undefined (a pooled buffer is not cleared): for the output of
    /// a primitive that writes every element, so that no pass is spent on zeros about to be overwritten.
    /// </summary>
    Storage AllocateUninitialized(int length);

    /// <summary>A new storage holding a copy of <paramref name="values"/>.</summary>
    Storage Upload(ReadOnlySpan<float> values);

    /// <summary>Copies the storage's numbers into host memory.</summary>
    void Download(Storage source, Span<float> destination);

    /// <summary>x[i] = value.</summary>
    void Fill(Storage x, float value);

    /// <summary>destination[i] = source[i]; both have the same length.</summary>
    void Copy(Storage source, Storage destination);

    // ---- linear algebra: GEMM, and the two operations that move a GEMM's operands ------------

    /// <summary>
    /// C = α·op(A)·op(B) + β·C with op(A): [m, k], op(B): [k, n], C: [m, n].
    /// A is stored [m, k], or [k, m] when <paramref name="transposeA"/>; B is stored [k, n], or [n, k]
    /// when <paramref name="transposeB"/>. β = 0 overwrites C.
    /// </summary>
    void Gemm(bool transposeA, bool transposeB, int m, int n, int k,
              float alpha, Storage a, Storage b, float beta, Storage c);

    /// <summary>y: [cols, rows] = xᵀ for x: [rows, cols].</summary>
    void Transpose(Storage x, int rows, int cols, Storage y);

    /// <summary>y += α·x (gradient accumulation and the plain gradient-descent step).</summary>
    void Axpy(float alpha, Storage x, Storage y);

    // ---- update: one optimizer step, any rule ----------------------------------------------

    /// <summary>
    /// One optimizer step, fused: for every i, the rule's step on weight[i], gradient[i] and
    /// slots[k][i] (all the weight's length), with the hyper-parameters <paramref name="hyper"/>
    /// in the rule's order. The weight and the slots are updated in place; the gradient is read only.
    /// </summary>
    void Update(UpdateRule rule, Storage weight, Storage gradient, ReadOnlySpan<Storage> slots, ReadOnlySpan<float> hyper);

    // ---- map and zip: elementwise, any function -----------------------------------------------

    /// <summary>y[i] = f(x[i]; p) for the function <paramref name="f"/>, whose parameter p
    /// is the slope of leaky ReLU, the α of ELU, the exponent of a power, a scaling factor...</summary>
    void Unary(UnaryFunction f, float p, Storage x, Storage y);

    /// <summary>dx[i] = f'(x[i])·dy[i], given x and y = f(x) (whichever makes f' cheaper).</summary>
    void UnaryBackward(UnaryFunction f, float p, Storage x, Storage y, Storage dy, Storage dx);

    /// <summary>c = f(a, b) elementwise with NumPy broadcasting; cShape = Broadcast(aShape, bShape).</summary>
    void Binary(BinaryFunction f, Storage a, Shape aShape, Storage b, Shape bShape, Storage c, Shape cShape);


    // ---- reduce: over any axis ----------------------------------------------------------------

    /// <summary>View x as [outer, length, inner]; y: [outer, inner] = the reduction over the middle axis.</summary>
    void Reduce(ReduceOp op, Storage x, int outer, int length, int inner, Storage y);

    /// <summary>
    /// The reverse of broadcasting: y = x summed over the axes along which y was broadcast to xShape.
    /// This is the gradient of broadcasting: a bias [n] added to every row of [m, n] receives Σ over rows.
    /// </summary>
    void SumToShape(Storage x, Shape xShape, Storage y, Shape yShape);

    /// <summary>
    /// Row-wise softmax (or log-softmax) of x: [rows, cols], computed stably by subtracting each row's max:
    /// a reduction and a map over the last axis, for any rows (the activation and the cross-entropy losses).
    /// </summary>
    void Softmax(Storage x, int rows, int cols, Storage y, bool log);

    // ---- gather and copy: rows and columns -----------------------------------------------------

    /// <summary>y[r, :] = x[rows[r], :] for x: [*, rowLength] (mini-batches, shuffling, splits).</summary>
    void GatherRows(Storage x, int rowLength, ReadOnlySpan<int> rows, Storage y);

    /// <summary>
    /// A block of columns from one row-major matrix into another with the same number of rows:
    /// destination[r, destinationStart + j] = source[r, sourceStart + j] for r &lt; rows, j &lt; count
    /// (+= when <paramref name="accumulate"/>). Slicing and concatenating along the last axis and
    /// their backward (chapter 8: a time step out of a sequence, a gate out of an LSTM's pre-activations).
    /// </summary>
    void CopyColumns(Storage source, int sourceColumns, int sourceStart,
                     Storage destination, int destinationColumns, int destinationStart,
                     int rows, int count, bool accumulate);

    // ---- random: counter-based ----------------------------------------------------------------------

    /// <summary>
    /// y[i] = the <paramref name="distribution"/> draw number <paramref name="counter"/> + i of the
    /// counter-based stream <paramref name="seed"/> (see <see cref="CounterRandom"/>): the same
    /// seed and counter give the same numbers on every backend.
    /// </summary>
    void Random(RandomDistribution distribution, ulong seed, ulong counter, float a, float b, Storage y);

    // ======== fused kernels, each kept by a measurement ===============================================
    // "Composed" below is the form the generic primitives give (FusedKernelTiming in the benchmarks):
    // convolution as a window primitive (im2col of the whole batch) and a GEMM, pooling as that window and a
    // max Reduce, a recurrent cell as chapter 8's step of maps, zips and column copies.

    // ---- convolution and pooling (chapter 7) ---------------------------------------------------

    /// <summary>
    /// 2-D convolution (cross-correlation, as every framework computes it), channels-last:
    /// y[n, oy, ox, f] = Σ_{ky, kx, c} x[n, oy·sh + ky − pt, ox·sw + kx − pl, c] · kernel[ky, kx, c, f],
    /// x: [N, H, W, C], kernel: [kh, kw, C, F], y: [N, OH, OW, F]; padding cells read 0.
    /// </summary>
    /// <remarks>Kept: its 1–8-filter path reads the image without im2col: 0.5–1.0 against 1.6–3.1 composed (28×28×1 → 4, 5×5, batch 100); from 16 filters it is im2col + GEMM in cache-sized blocks, on par.</remarks>
    void Conv2D(Window2D window, int filters, Storage x, Storage kernel, Storage y);

    /// <summary>
    /// ∂L/∂x of <see cref="Conv2D"/>: dx[n, iy, ix, c] = Σ dy[n, oy, ox, f] · kernel[ky, kx, c, f] over every
    /// output (oy, ox) whose window puts offset (ky, kx) on input cell (iy, ix). dx: [N, H, W, C].
    /// </summary>
    /// <remarks>Kept: its composed form needs col2im, a window scatter-add that no generic primitive does, and would hold the whole batch unrolled (kh·kw times x); on par in time (2.8–7.7 against 3.9–7.3, 28×28×1 → 4).</remarks>
    void Conv2DBackwardInput(Window2D window, int filters, Storage dy, Storage kernel, Storage dx);

    /// <summary>
    /// ∂L/∂kernel of <see cref="Conv2D"/>: dKernel[ky, kx, c, f] = Σ_{n, oy, ox} x[n, oy·sh + ky − pt, ox·sw + kx − pl, c] · dy[n, oy, ox, f].
    /// </summary>
    /// <remarks>Kept: as for the forward, 1–8 filters go without im2col: 1.1–2.3 against 2.2–8.0 composed (28×28×1 → 4, 5×5, batch 100); wider, on par.</remarks>
    void Conv2DBackwardKernel(Window2D window, int filters, Storage x, Storage dy, Storage dKernel);

    /// <summary>
    /// Pooling, channels-last, each channel on its own: y[n, oy, ox, c] = the max (or the mean) of
    /// x[n, iy, ix, c] over the window's cells inside the input. Max ignores padding (it pads with −∞);
    /// average divides by the count of non-padded cells. x: [N, H, W, C], y: [N, OH, OW, C].
    /// </summary>
    /// <remarks>Kept: 1.3–3× faster than composed (24×24×4 at batch 100: 0.15–0.29 against 0.48–0.64; 26×26×32 at batch 64: 0.29–0.57 against 0.67–0.92), and the composed form would need a window primitive as well.</remarks>
    void Pool2D(PoolOp op, Window2D window, Storage x, Storage y);

    /// <summary>
    /// ∂L/∂x of <see cref="Pool2D"/>, summed over overlapping windows. Max: each window's dy goes to
    /// one cell, its maximum; among equal maxima, the first in row-major window order (ky, then kx).
    /// Average: each window's dy / count goes to each of its count non-padded cells. dx: [N, H, W, C].
    /// </summary>
    /// <remarks>Kept: not expressible with the generic primitives: max pooling sends each window's gradient to its first maximum, a scatter by argmax.</remarks>
    void Pool2DBackward(PoolOp op, Window2D window, Storage x, Storage dy, Storage dx);

    // ---- recurrent cells (chapter 10: the fast path of chapter 8's LSTM and GRU) --------------------
    // Sequences are stored batch-major, one block per time step: P: [batch, steps·4u] holds x_t·W of
    // sample n at P[n, t·4u .. t·4u + 4u). Each call is one step t of the whole batch; the products with
    // U stay GEMMs. Recurrent/FusedLstm.cs and FusedGru.cs drive them and derive the backward.
    // σ below is the function `gate` (Keras' recurrent_activation), tanh the function `activation`;
    // the backward takes their derivatives from their outputs alone (σ' = σ(1 − σ), tanh' = 1 − tanh²),
    // as it keeps the gates but not the pre-activations.

    /// <summary>
    /// One LSTM step, for every sample n and unit j (u = units; i, f, c̃, o the four column blocks):
    /// a = (P[n, t] + b) + R[n] (P: [batch, steps·4u] = x·W, R: [batch, 4u] = h₋·U, b: [4u]; the composed
    /// cell's order of sums); i = σ(a_i), f = σ(a_f), c̃ = tanh(a_c), o = σ(a_o); c = f·c₋ + i·c̃; h = o·tanh(c).
    /// Reads c₋ = cells[n, t], writes c to cells[n, t + 1] (cells: [batch, (steps + 1)·u], block 0 the
    /// initial c), the activated gates to gates[n, t] ([batch, steps·4u]), h to hidden[n, t]
    /// ([batch, steps·u]) and to state[n] ([batch, u], the next step's GEMM operand).
    /// </summary>
    /// <remarks>Kept: with LstmCellBackward, LSTM(128) on [64, 28, 28], forward and backward: 14.3 against 18.6 composed (its ~15 graph nodes per step) in the quietest of four runs, 1.15–1.35× faster in all.</remarks>
    void LstmCell(UnaryFunction gate, UnaryFunction activation, int batch, int units, int steps, int t,
                  Storage projections, Storage recurrent, Storage bias, Storage gates, Storage cells, Storage hidden, Storage state);

    /// <summary>
    /// The backward of <see cref="LstmCell"/> at step t. In: dh = ∂L/∂h_t ([batch, u], all of it) and
    /// dc = ∂L/∂c_t from step t + 1 ([batch, u]). With the gates and cells the forward stored:
    /// dc += dh·o·tanh'(c); da_i = dc·c̃·σ'(i); da_f = dc·c₋·σ'(f); da_c = dc·i·tanh'(c̃);
    /// da_o = dh·tanh(c)·σ'(o). Writes da to dPreactivations[n, t] ([batch, steps·4u]) and to
    /// dStep ([batch, 4u]), and replaces dc by ∂L/∂c₋ = dc·f.
    /// </summary>
    /// <remarks>Kept: the other half of LstmCell's measurement (the fused LSTM runs both or neither).</remarks>
    void LstmCellBackward(UnaryFunction gate, UnaryFunction activation, int batch, int units, int steps, int t,
                          Storage gates, Storage cells, Storage dh, Storage dc, Storage dPreactivations, Storage dStep);

    /// <summary>
    /// One GRU step (Keras' reset_after), for every sample n and unit j (z, r, h the three column blocks):
    /// a = P[n, t] + b_in, ρ = R[n] + b_rec (P: [batch, steps·3u] = x·W, R: [batch, 3u] = h₋·U,
    /// b: [2, 3u] = b_in, b_rec); z = σ(a_z + ρ_z), r = σ(a_r + ρ_r), ĥ = tanh(a_h + r·ρ_h),
    /// h = z·h₋ + (1 − z)·ĥ. Reads h₋ from state[n] ([batch, u]) and replaces it by h; writes h to
    /// hidden[n, t] ([batch, steps·u]) and z, r, ĥ, ρ_h to gates[n, t] ([batch, steps·4u]).
    /// </summary>
    /// <remarks>Kept: with GruCellBackward, GRU(128) on [64, 28, 28], forward and backward: 11.0 against 18.0 composed in the quietest of four runs, 1.6–2.7× faster in all.</remarks>
    void GruCell(UnaryFunction gate, UnaryFunction activation, int batch, int units, int steps, int t,
                 Storage projections, Storage recurrent, Storage bias, Storage gates, Storage hidden, Storage state);

    /// <summary>
    /// The backward of <see cref="GruCell"/> at step t. In: dh = ∂L/∂h_t ([batch, u]); h₋ = previous[n, t]
    /// ([batch, steps·u]). da_z = dh·(h₋ − ĥ)·σ'(z); da_h = dh·(1 − z)·tanh'(ĥ); da_r = da_h·ρ_h·σ'(r).
    /// Writes [da_z, da_r, da_h] (∂L/∂P) to dProjections[n, t] ([batch, steps·3u]); [da_z, da_r, da_h·r]
    /// (∂L/∂R) to dRecurrent[n, t] ([batch, steps·3u]) and to dStep ([batch, 3u]); replaces dh by
    /// z·dh, the part of ∂L/∂h₋ that does not pass through U.
    /// </summary>
    /// <remarks>Kept: the other half of GruCell's measurement.</remarks>
    void GruCellBackward(UnaryFunction gate, UnaryFunction activation, int batch, int units, int steps, int t,
                         Storage gates, Storage previous, Storage dh, Storage dProjections, Storage dRecurrent, Storage dStep);
}
