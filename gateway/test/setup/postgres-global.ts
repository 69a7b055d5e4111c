import type { TestProject } from 'vitest/node'
import { startPostgres } from './postgres.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server started for this test run. */
    databaseUrl: string
  }
}

export default async function setup(project: TestProject) {
  const server = await startPostgres()
  project.provide('databaseUrl', server.url)
  return () => server.destroy()
}
