import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const sdk = fileURLToPath(new URL('../sdk/', import.meta.url))
const sqlIndexer = fileURLToPath(new URL('./test/sql-indexer.ts', import.meta.url))

/**
 * The SDK's randomized agreement scenario, with the SDK indexer's module replaced by one whose
 * state is read back from the gateway's tables (test/sql-indexer.ts).
 */
const agreement = (db: 'pglite' | 'postgres') => ({
  root: sdk,
  resolve: { alias: [{ find: /^\.\.\/\.\.\/src\/indexer\/index\.js$/, replacement: sqlIndexer }] },
  test: {
    name: `agreement-${db}`,
    include: ['test/integration/indexer.test.ts'],
    env: { GATEWAY_TEST_DB: db },
    globalSetup: [
      `${sdk}test/setup/anvil.ts`,
      ...(db === 'postgres'
        ? [fileURLToPath(new URL('./test/setup/postgres-global.ts', import.meta.url))]
        : []),
    ],
    fileParallelism: false,
    hookTimeout: 180_000,
    testTimeout: 60_000,
  },
})

export default defineConfig({
  test: {
    // One file at a time across the projects: each starts anvil (and forge deploys), on 2 cores.
    fileParallelism: false,
    projects: [
      {
        test: {
          name: 'gateway',
          include: ['test/**/*.test.ts'],
          globalSetup: ['./test/setup/postgres-global.ts'],
          fileParallelism: false,
          hookTimeout: 180_000,
          testTimeout: 60_000,
        },
      },
      agreement('pglite'),
      agreement('postgres'),
    ],
  },
})
