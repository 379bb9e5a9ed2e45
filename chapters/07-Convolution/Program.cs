using Learn.Dnn.Chapters;
using Learn.Dnn.Devices;
using Learn.Dnn.Harness;

// dotnet run --project chapters/07-Convolution -- [--quick] [--out DIR] [--device cpu|opencl] [--seed N]
var run = ChapterRun.From(7, args);
using var device = Device.Use(run.Device);   // the chosen device (--device, LEARN_DNN_DEVICE) holds every tensor below
Chapter07.Run(run);
run.Finish();
