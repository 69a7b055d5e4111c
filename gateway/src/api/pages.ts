/**
 * Keyset pagination over one integer column, newest first: the lists of offers, rounds and reviews.
 * The cursor is the last row's value of that column, so a page is stable under inserts.
 */
import type { Queryable, Row } from '../db.js'
import { decodeCursor, encodeCursor } from './format.js'

export type ListByIdParameters = {
  /** `SELECT … FROM …` without WHERE, ORDER or LIMIT; it must select `<column>::text AS page_id`. */
  select: string
  /** The integer (bigint or numeric) column pages follow, descending. */
  column: string
  /** Conditions written with `p(value)` placeholders. */
  where: string[]
  params: unknown[]
  limit: number
  cursor: string | undefined
}

/** A cursor that is not one of this list's; the caller answers 400 naming `cursor`. */
export const BAD_CURSOR = Symbol('bad cursor')

export async function listById<T extends Row>(
  db: Queryable,
  { select, column, where, params, limit, cursor }: ListByIdParameters,
): Promise<{ page: (T & { page_id: string })[]; nextCursor: string | null } | typeof BAD_CURSOR> {
  const conditions = [...where]
  const p = (v: unknown) => `$${params.push(v)}`
  if (cursor !== undefined) {
    const value = decodeCursor(cursor)
    if (value?.length !== 1 || !/^[0-9]{1,78}$/.test(String(value[0]))) return BAD_CURSOR
    conditions.push(`${column} < ${p(String(value[0]))}::numeric`)
  }
  const rows = await db.query<T & { page_id: string }>(
    `${select} ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
     ORDER BY ${column} DESC LIMIT ${p(limit + 1)}`,
    params,
  )
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return { page, nextCursor: rows.length > limit && last ? encodeCursor([last.page_id]) : null }
}

export const cursorError = {
  errors: [{ field: 'cursor', in: 'query', message: 'not a cursor of this list' }],
}
