using Learn.Dnn.Chapters;
using Learn.Dnn.Devices;
using Learn.Dnn.Harness;

// dotnet run --project chapters/08-Recurrent -- [--quick] [--out DIR] [--device cpu|opencl] [--seed N]
var run = ChapterRun.From(8, args);
using var device = Device.Use(run.Device);   // the chosen device (--device, LEARN_DNN_DEVICE) holds every tensor below
Chapter08.Run(run);
run.Finish();
