import { defineConfig } from 'vitest/config'

// Browser tests against the stack `npm start` brings up (anvil, the seeded story, the API, the app).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
})
