console.log('npm run bench: not built yet (see the benchmarks issue).');
