import { existsSync } from 'node:fs'

/** A Chromium to drive with playwright-core, and where it came from. */
export type ChromiumLaunch = {
  executablePath: string
  args: string[]
  /** `DAIMM_CHROMIUM`, `system` or `@sparticuz/chromium`: shown when a launch fails. */
  source: string
}

/** A system Chromium, where distributions put it. */
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser']

// As root, Chromium needs --no-sandbox; the network flags keep it from calling Google's hosts.
const quiet = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
]

/**
 * Finds the Chromium the browser tests drive, in this order: `DAIMM_CHROMIUM` (a path, or `packaged`),
 * a system chromium, then the one `npm install` brings inside `@sparticuz/chromium` (a compressed build
 * in the package itself, unpacked to the temp directory on first use: no download, no apt, no root).
 */
export async function findChromium(): Promise<ChromiumLaunch> {
  const fromEnv = process.env.DAIMM_CHROMIUM
  if (fromEnv === 'packaged') return packagedChromium()
  if (fromEnv) {
    if (!existsSync(fromEnv))
      throw new Error(
        `DAIMM_CHROMIUM is ${fromEnv}, which does not exist: point it at a Chromium binary, set it to \`packaged\`, or unset it.`,
      )
    return { executablePath: fromEnv, args: quiet, source: 'DAIMM_CHROMIUM' }
  }
  const system = systemChromium.find((path) => existsSync(path))
  if (system) return { executablePath: system, args: quiet, source: 'system' }
  return packagedChromium()
}

async function packagedChromium(): Promise<ChromiumLaunch> {
  const { default: packaged } = await import('@sparticuz/chromium')
  const executablePath = await packaged.executablePath()
  // Its own flags (headless shell, no zygote) first, then ours; duplicates are harmless.
  return { executablePath, args: [...packaged.args, ...quiet], source: '@sparticuz/chromium' }
}
