import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  // Browser-safe entry points: no Node built-ins are assumed (node-only code lives in src/cli).
  platform: 'neutral',
  target: 'es2022',
  treeshake: true,
})
