/**
 * The bench's load generator, run as a process of its own so that it does not share the API
 * server's event loop: `node --import tsx bench/load.ts <file>`, the file holding `{ url, paths, connections,
 * seconds }`; cycles through `paths` and prints autocannon's summary as one line of JSON.
 */
import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'

const { url, paths, connections, seconds } = JSON.parse(
  readFileSync(process.argv[2] as string, 'utf8'),
) as {
  url: string
  paths: string[]
  connections: number
  seconds: number
}
let n = 0
const result = await autocannon({
  url,
  connections,
  duration: seconds,
  requests: [
    {
      setupRequest: (req: Record<string, unknown>) => ({ ...req, path: paths[n++ % paths.length] }),
    },
  ],
})
console.log(
  JSON.stringify({
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  }),
)
