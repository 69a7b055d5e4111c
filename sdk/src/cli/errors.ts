import { DaimmError } from '../errors.js'

/** A local devnet step (finding the tools, running anvil, deploying with forge) failed. */
export class DevnetError extends DaimmError {
  override name = 'DevnetError'
}
