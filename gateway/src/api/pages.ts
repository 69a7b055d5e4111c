/**
 * Keyset pagination over one integer column, newest first: the lists of offers, rounds and reviews.
 * The cursor is the last row's value of that column, so a page is stable under inserts.
 */
import type { Context } from 'hono'
import type { Queryable } from '../db.js'
import { decodeCursor, encodeCursor } from './format.js'
import { problem } from './problem.js'

export type ListByIdParameters<I> = {
  /** A table with a `data` column (the SDK's record). */
  table: string
  /** The integer (bigint or numeric) column pages follow, descending. */
  column: string
  /** Conditions written with `p(value)` placeholders. */
  where: string[]
  params: unknown[]
  limit: number
  cursor: string | undefined
  /** The API's item from a row's `data`. */
  map: (data: unknown) => I
}

/** A cursor that is not one of this list's; the caller answers 400 naming `cursor`. */
export const BAD_CURSOR = Symbol('bad cursor')

export async function listById<I>(
  db: Queryable,
  { table, column, where, params, limit, cursor, map }: ListByIdParameters<I>,
): Promise<{ items: I[]; nextCursor: string | null } | typeof BAD_CURSOR> {
  const conditions = [...where]
  const p = (v: unknown) => `$${params.push(v)}`
  if (cursor !== undefined) {
    const value = decodeCursor(cursor)
    if (value?.length !== 1 || !/^[0-9]{1,78}$/.test(String(value[0]))) return BAD_CURSOR
    conditions.push(`${column} < ${p(String(value[0]))}::numeric`)
  }
  const rows = await db.query<{ page_id: string; data: unknown }>(
    `SELECT ${column}::text AS page_id, data FROM ${table} ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
     ORDER BY ${column} DESC LIMIT ${p(limit + 1)}`,
    params,
  )
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: page.map((row) => map(row.data)),
    nextCursor: rows.length > limit && last ? encodeCursor([last.page_id]) : null,
  }
}

/** The 400 for a cursor `listById` refused. */
export const badCursor = (c: Context) =>
  problem(c, 400, 'cursor: not a cursor of this list.', {
    errors: [{ field: 'cursor', in: 'query', message: 'not a cursor of this list' }],
  })
