import type { ImportSettings } from './import-settings.js'
import type { Sha256Engine } from './sha256.js'
import { type DagLink, encodeParent } from './unixfs-nodes.js'

/**
 * The balanced layout of the UnixFS importer, built as leaves arrive: leaves are grouped by
 * `maxChildrenPerNode` under parents, parents again under grandparents, until one root is left.
 *
 * The importer first collects every node of a level; this keeps only the links of the nodes that
 * are not full yet, at most `maxChildrenPerNode` per level, so memory grows with the depth of the
 * tree (log of the file size), never with the file.
 *
 * A full group always becomes a parent, whatever comes after it, so a level is reduced as soon as
 * it fills. At the end the partial groups are reduced bottom-up; a level holding a single node
 * (above the leaves) is the root. A file of one leaf is that leaf, as with the importer's
 * `reduceSingleLeafToSelf`.
 */
export class BalancedDag {
  readonly #settings: ImportSettings
  readonly #engine: Sha256Engine
  /** Links not grouped under a parent yet, per level (0 = leaves). */
  readonly #pending: DagLink[][] = []
  /** How many nodes each level has had so far. */
  readonly #counts: number[] = []

  constructor(settings: ImportSettings, engine: Sha256Engine) {
    this.#settings = settings
    this.#engine = engine
  }

  addLeaf(leaf: DagLink): Promise<void> {
    return this.#add(0, leaf)
  }

  /** The root. Call once, after the last leaf. */
  async finish(): Promise<DagLink> {
    for (let level = 0; ; level++) {
      const pending = this.#pending[level] ?? []
      const count = this.#counts[level] ?? 0
      if (count === 0) throw new Error('BalancedDag.finish() needs at least one leaf')
      // A level of one node is the root. (Levels of two or more nodes are never complete groups
      // of one, since maxChildrenPerNode >= 2, so that node is still pending.)
      const [only] = pending
      if (count === 1 && only) return only
      if (pending.length > 0) {
        this.#pending[level] = []
        await this.#add(level + 1, await encodeParent(pending, this.#settings, this.#engine))
      }
    }
  }

  async #add(level: number, link: DagLink): Promise<void> {
    const pending = this.#pending[level] ?? []
    this.#pending[level] = pending
    this.#counts[level] = (this.#counts[level] ?? 0) + 1
    pending.push(link)
    if (pending.length < this.#settings.maxChildrenPerNode) return
    this.#pending[level] = []
    await this.#add(level + 1, await encodeParent(pending, this.#settings, this.#engine))
  }
}
