/**
 * `npm start` as a user runs it: it prints the API address, the demo's model is found there, and
 * SIGTERM leaves no process behind (anvil included).
 */
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { Validator } from '@seriousme/openapi-schema-validator'
import { expect, test } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))

/** Every process whose ancestors include `pid`. */
function descendants(pid: number): number[] {
  const parents = new Map<number, number>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      parents.set(Number(entry), ppid)
    } catch {}
  }
  const found: number[] = []
  for (const [child] of parents) {
    let p = parents.get(child)
    while (p !== undefined && p > 1) {
      if (p === pid) {
        found.push(child)
        break
      }
      p = parents.get(p)
    }
  }
  return found
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

test('npm start prints the API address, serves the demo model, and SIGTERM leaves no process', async () => {
  const port = await freePort()
  const child = spawn('npm', ['start'], {
    cwd: root,
    env: { ...process.env, DAIMM_API_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (d) => {
    output += d
  })
  child.stderr.on('data', (d) => {
    output += d
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  let tree: number[] = []
  try {
    await expect.poll(() => output, { timeout: 170_000, interval: 250 }).toMatch(/ready in/)
    const url = `http://127.0.0.1:${port}`
    expect(output).toContain(`api  ${url}`)
    tree = descendants(child.pid as number)
    expect(tree.length).toBeGreaterThan(1)

    const found = (await (await fetch(`${url}/v1/models?q=iris`)).json()) as {
      items: { id: string; card: { name: string } }[]
    }
    const model = found.items.find((m) => m.card.name === 'iris-mlp')
    expect(model).toBeDefined()
    const child2 = found.items.find((m) => m.card.name === 'iris-mlp-ft')
    const detail = (await (await fetch(`${url}/v1/models/${child2?.id}`)).json()) as {
      lineage: { ancestors: { id: string }[] }
      offers: unknown[]
    }
    expect(detail.lineage.ancestors.map((a) => a.id)).toEqual([model?.id])
    expect(detail.offers).toHaveLength(1)
    const scored = (await (await fetch(`${url}/v1/models/${model?.id}`)).json()) as {
      evaluations: unknown[]
    }
    expect(scored.evaluations).toHaveLength(1)
    const doc = await (await fetch(`${url}/openapi.json`)).json()
    expect(
      (await new Validator().validate(doc as Parameters<Validator['validate']>[0])).valid,
    ).toBe(true)
  } finally {
    child.kill('SIGTERM')
  }
  expect(await exited).not.toBeUndefined()
  // Everything it started stops: the wrappers, the gateway's node process, anvil.
  await expect.poll(() => tree.filter(alive), { timeout: 20_000, interval: 250 }).toEqual([])
}, 200_000)
