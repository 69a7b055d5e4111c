/**
 * `npm start`: the gateway's whole local marketplace (anvil, the protocol, the seeded story, the API;
 * see gateway/src/start.ts), and beside it the web app's production build, built first if missing.
 * Prints `app  http://127.0.0.1:<port>` (DAIMM_APP_PORT, or a free port).
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { runStart } from '../../gateway/src/start.js'
import { type AppServer, appDir, distDir, serveApp } from './serve.js'

function ensureBuild(log: (line: string) => void) {
  if (existsSync(join(distDir, 'index.html')) && !process.env.DAIMM_APP_REBUILD) return
  log('building the web app (vite build)…')
  const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: appDir,
    stdio: 'inherit',
  })
  if (built.status !== 0) throw new Error('vite build failed (see above).')
}

export async function startWithApp(log: (line: string) => void = (line) => console.log(line)) {
  ensureBuild(log)
  let app: AppServer | undefined
  const port = process.env.DAIMM_API_PORT ? Number(process.env.DAIMM_API_PORT) : undefined
  const appPort = process.env.DAIMM_APP_PORT ? Number(process.env.DAIMM_APP_PORT) : undefined
  await runStart({
    log,
    port,
    onReady: async ({ url, rpcUrl, deployment, storeDir }) => {
      app = await serveApp({ apiUrl: url, rpcUrl, deployment, storeDir, port: appPort })
      log(`app  ${app.url}`)
    },
  })
  return app
}

if (import.meta.url === `file://${process.argv[1]}`) {
  startWithApp().catch((error) => {
    console.error(`daimm start: ${(error as Error)?.message ?? error}`)
    process.exit(1)
  })
}
