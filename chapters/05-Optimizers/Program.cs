using Learn.Dnn.Chapters;
using Learn.Dnn.Devices;
using Learn.Dnn.Harness;

// dotnet run --project chapters/05-Optimizers -- [--quick] [--out DIR] [--device cpu|opencl] [--seed N]
var run = ChapterRun.From(5, args);
using var device = Device.Use(run.Device);   // the chosen device (--device, LEARN_DNN_DEVICE) holds every tensor below
Chapter05.Run(run);
run.Finish();
