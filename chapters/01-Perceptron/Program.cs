using Learn.Dnn.Chapters;
using Learn.Dnn.Devices;
using Learn.Dnn.Harness;

// dotnet run --project chapters/01-Perceptron -- [--quick] [--out DIR] [--device cpu|opencl] [--seed N]
var run = ChapterRun.From(1, args);
using var device = Device.Use(run.Device);   // the chosen device (--device, LEARN_DNN_DEVICE) holds every tensor below
Chapter01.Run(run);
run.Finish();
