using Learn.Dnn.Chapters;
using Learn.Dnn.Devices;
using Learn.Dnn.Harness;

// dotnet run -c Release --project chapters/10-FastCpu -- [--quick] [--out DIR] [--seed N]
// Measure in Release: a Debug build times code the JIT was told not to optimise.
var run = ChapterRun.From(10, args);
using var device = Device.Use(run.Device);
Chapter10.Run(run);
run.Finish();
