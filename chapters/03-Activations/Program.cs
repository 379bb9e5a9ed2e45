using Learn.Dnn.Chapters;
using Learn.Dnn.Devices;
using Learn.Dnn.Harness;

// dotnet run --project chapters/03-Activations -- [--quick] [--out DIR] [--device cpu|opencl] [--seed N]
var run = ChapterRun.From(3, args);
using var device = Device.Use(run.Device);   // the chosen device (--device, LEARN_DNN_DEVICE) holds every tensor below
Chapter03.Run(run);
run.Finish();
