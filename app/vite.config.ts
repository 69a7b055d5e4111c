import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const sdk = fileURLToPath(new URL('../sdk/src/', import.meta.url))

// The SDK is used from source (no build step in the repository); its browser-safe entries only.
export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^@daimm\/sdk$/, replacement: `${sdk}index.ts` },
      { find: /^@daimm\/sdk\/(cid|storage|eval)$/, replacement: `${sdk}$1/index.ts` },
      // The browser-safe licensing entry (licensing/index.ts adds the Node.js file pieces).
      { find: /^@daimm\/sdk\/licensing$/, replacement: `${sdk}licensing/portable.ts` },
    ],
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 1000,
  },
})
