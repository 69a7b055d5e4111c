import { DaimmError } from '../errors.js'

/** A block the indexer took as final was replaced: the reorg went deeper than `confirmations`. */
export class ReorgTooDeepError extends DaimmError {
  override name = 'ReorgTooDeepError'
  readonly blockNumber: bigint

  constructor({ blockNumber, confirmations }: { blockNumber: bigint; confirmations: number }) {
    super(`Block ${blockNumber}, which the indexer took as final, was replaced by a reorg.`, {
      metaMessages: [
        `The reorg went deeper than confirmations (${confirmations}).`,
        'Index again from the deployment with an empty store, and raise `confirmations`.',
      ],
    })
    this.blockNumber = blockNumber
  }
}

/** The store holds a checkpoint of another chain or deployment, or of another checkpoint version. */
export class CheckpointMismatchError extends DaimmError {
  override name = 'CheckpointMismatchError'

  constructor({ expected, found }: { expected: string; found: string }) {
    super(`The store's checkpoint is of ${found}, not of ${expected}.`, {
      metaMessages: [
        'Give each deployment a store of its own.',
        'A checkpoint of another version was written by another release of the indexer: empty the store and index again.',
      ],
    })
  }
}

/** The chain kept changing under the indexer while it read a range of blocks. */
export class ChainUnstableError extends DaimmError {
  override name = 'ChainUnstableError'

  constructor({ attempts }: { attempts: number }) {
    super(`The chain reorganized during each of ${attempts} attempts to read it.`, {
      metaMessages: ['Try again later.'],
    })
  }
}
