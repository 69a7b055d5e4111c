/**
 * `npm start`: the gateway's whole local marketplace (anvil, the protocol, the seeded story, the API;
 * see gateway/src/start.ts), and beside it the web app's production build, built first if missing
 * (alongside the chain's start-up, so that the API is not delayed). Prints
 * `app  http://127.0.0.1:<port>` (DAIMM_APP_PORT, or a free port).
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { runStart } from '../../gateway/src/start.js'
import { type AppServer, appDir, distDir, serveApp } from './serve.js'

/** Builds the app when there is no build (or DAIMM_APP_REBUILD is set); resolves when it is there. */
function ensureBuild(log: (line: string) => void): Promise<void> {
  if (existsSync(join(distDir, 'index.html')) && !process.env.DAIMM_APP_REBUILD)
    return Promise.resolve()
  log('building the web app (vite build)…')
  const vite = join(
    dirname(createRequire(import.meta.url).resolve('vite/package.json')),
    'bin/vite.js',
  )
  const build = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: appDir,
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  // A stop (Ctrl-C, SIGTERM) while it builds leaves no vite behind.
  const kill = () => build.kill('SIGTERM')
  process.once('exit', kill)
  return new Promise((resolve, reject) => {
    build.once('error', reject)
    build.once('exit', (code) => {
      process.off('exit', kill)
      if (code === 0) resolve()
      else reject(new Error(`vite build failed (exit ${code}); see above.`))
    })
  })
}

export async function startWithApp(log: (line: string) => void = (line) => console.log(line)) {
  const built = ensureBuild(log)
  built.catch(() => {}) // reported when awaited below
  let app: AppServer | undefined
  const port = process.env.DAIMM_API_PORT ? Number(process.env.DAIMM_API_PORT) : undefined
  const appPort = process.env.DAIMM_APP_PORT ? Number(process.env.DAIMM_APP_PORT) : undefined
  await runStart({
    log,
    port,
    onReady: async ({ url, rpcUrl, deployment, storeDir }) => {
      await built
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
