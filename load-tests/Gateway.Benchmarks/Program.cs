using BenchmarkDotNet.Running;

// dotnet run -c Release --project load-tests/Gateway.Benchmarks -- --filter '*'            full run
// dotnet run -c Release --project load-tests/Gateway.Benchmarks -- --filter '*' --job dry --inProcess   CI smoke
BenchmarkSwitcher.FromAssembly(typeof(Gateway.Benchmarks.BenchmarkData).Assembly).Run(args);
