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
