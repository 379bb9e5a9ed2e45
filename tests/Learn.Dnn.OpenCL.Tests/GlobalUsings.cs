global using Xunit;
global using Learn.Dnn.Devices.OpenCL;
