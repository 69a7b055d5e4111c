import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'browser',
          // Node.js tests that bundle @daimm/sdk/eval and run it in headless Chromium (Debian's
          // chromium at /usr/bin/chromium, or DAIMM_CHROMIUM) through playwright-core.
          include: ['test/browser/**/*.test.ts'],
          // Chromium compiles onnxruntime-web's WebAssembly (28 MB) before the first evaluation.
          hookTimeout: 120_000,
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // Starts anvil and deploys the protocol with forge once for the whole run.
          globalSetup: ['test/setup/anvil.ts'],
          // One node for all files: they run one after another so a file's snapshot/revert cannot
          // undo another file's transactions.
          fileParallelism: false,
          // A deploy takes seconds, longer when forge must compile first (solc-js is WebAssembly).
          hookTimeout: 120_000,
          testTimeout: 30_000,
        },
      },
    ],
  },
})
