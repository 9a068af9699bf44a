// The esbuild settings the shipped build compiles with (scripts/bundle.mjs), shared with the benchmarks' build
// (scripts/bundle-bench.mjs) so a benchmark measures the code as it runs in production.
export const NODE_BUILD = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  // Bundled CommonJS packages call require() for Node's own modules: give the ES module bundle a real one.
  banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
};
