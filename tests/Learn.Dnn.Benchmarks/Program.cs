using BenchmarkDotNet.Running;
using Learn.Dnn.Benchmarks;

// dotnet run -c Release --project tests/Learn.Dnn.Benchmarks -- --filter '*Gemm*'   (BenchmarkDotNet)
// dotnet run -c Release --project tests/Learn.Dnn.Benchmarks -- gemm-table [--quick] (Stopwatch table)
// dotnet run -c Release --project tests/Learn.Dnn.Benchmarks -- recurrent-step [--quick] (LSTM/GRU(128) forward + backward, cpu vs reference)
// dotnet run -c Release --project tests/Learn.Dnn.Benchmarks -- --filter '*OpenClMatMul*'   (OpenCL GEMM kernels)
// dotnet run -c Release --project tests/Learn.Dnn.Benchmarks -- opencl-gemm-table [--quick] (OpenCL, Stopwatch table)
// dotnet run -c Release --project tests/Learn.Dnn.Benchmarks -- train-epoch fit|loop sgd|adam BATCH [--samples N] [--model mlp|lstm|gru] (one epoch; compare-training.sh, compare-recurrent.sh)
if (args.Length > 0 && args[0] == "train-epoch")
    return TrainingEpoch.Run(args[1..]);
// dotnet run -c Release --project tests/Learn.Dnn.Benchmarks -- cnn-epoch 001|003|lenet [--samples N] (one CNN epoch; compare-cnn.sh)
if (args.Length > 0 && args[0] == "cnn-epoch")
    return CnnEpoch.Run(args[1..]);
// dotnet run -c Release --project tests/Learn.Dnn.Benchmarks -- conv-timing [cpu] [reference] [opencl] (seed 001 and 003 CNN steps)
if (args.Length > 0 && args[0] == "conv-timing")
    return ConvTiming.Run(args[1..]);
// dotnet run -c Release --project tests/Learn.Dnn.Benchmarks -- fused-kernels (IDevice's fused kernels against their composed forms, fast CPU device)
if (args.Length > 0 && args[0] == "fused-kernels")
    return FusedKernelTiming.Run(args[1..]);
if (args.Length > 0 && args[0] == "gemm-table")
    return GemmTable.Run(args[1..]);
if (args.Length > 0 && args[0] == "recurrent-step")
    return RecurrentStepTable.Run(args[1..]);
if (args.Length > 0 && args[0] == "opencl-gemm-table")
    return OpenClGemmTable.Run(args[1..]);

BenchmarkSwitcher.FromAssembly(typeof(GemmBenchmarks).Assembly).Run(args);
return 0;
