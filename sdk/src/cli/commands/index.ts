import type { CommandEntry } from '../command.js'

/**
 * Every `daimm` command, in the order `daimm --help` lists them. Add one file, one entry: its name
 * and summary (`daimm --help` prints them without loading any command, a test checks they match
 * the command's own) and how to load it.
 */
export const commands: readonly CommandEntry[] = [
  {
    name: 'cid',
    summary: "Compute a file's IPFS CID, fingerprint (model id) and size",
    load: async () => (await import('./cid.js')).cidCommand,
  },
  {
    name: 'eval',
    summary: 'Evaluate an ONNX classifier on a dataset: metrics, score and digest',
    load: async () => (await import('./eval.js')).evalCommand,
  },
  {
    name: 'register',
    summary: 'Register a model file: fingerprint, CID, upload, commit then register',
    load: async () => (await import('./register.js')).registerCommand,
  },
  {
    name: 'upload',
    summary: 'Upload a file (a registered model, a card) to a content store or Kubo',
    load: async () => (await import('./upload.js')).uploadCommand,
  },
  {
    name: 'models',
    summary: 'List registered models; filter by owner, kind, parent or score',
    load: async () => (await import('./models.js')).modelsCommand,
  },
  {
    name: 'model',
    summary: 'Show one model: card, lineage, evaluation, reputation, offers and rating',
    load: async () => (await import('./model.js')).modelCommand,
  },
  {
    name: 'stake',
    summary: 'Stake DAIMM, optionally as a validator',
    load: async () => (await import('./stake.js')).stakeCommand,
  },
  {
    name: 'unstake',
    summary: 'Request to unstake DAIMM (withdraw it after the unbonding period)',
    load: async () => (await import('./unstake.js')).unstakeCommand,
  },
  {
    name: 'withdraw',
    summary: 'Withdraw unstaked DAIMM whose unbonding period has passed',
    load: async () => (await import('./withdraw.js')).withdrawCommand,
  },
  {
    name: 'round',
    summary: 'Open a scoring round on a model or dataset, paying its budget',
    load: async () => (await import('./round.js')).roundCommand,
  },
  {
    name: 'validate',
    summary: 'Score a round you sit on: download, evaluate, commit, reveal',
    load: async () => (await import('./validate.js')).validateCommand,
  },
  {
    name: 'finalize',
    summary: 'Settle a scoring round after its reveal deadline and report its offenders',
    load: async () => (await import('./finalize.js')).finalizeCommand,
  },
  {
    name: 'offer',
    summary: 'Offer licenses to your model: publish, sign or cancel an offer',
    load: async () => (await import('./offer.js')).offerCommand,
  },
  {
    name: 'buy',
    summary: 'Buy a license to a model through an offer (published or signed)',
    load: async () => (await import('./buy.js')).buyCommand,
  },
  {
    name: 'fetch',
    summary: 'Download a licensed model: key from the gateway, decrypt, check against its id',
    load: async () => (await import('./fetch.js')).fetchCommand,
  },
  {
    name: 'infer',
    summary: 'Run a licensed model on its gateway: JSON tensors in, outputs out',
    load: async () => (await import('./infer.js')).inferCommand,
  },
  {
    name: 'review',
    summary: 'Rate and review a model you hold a license to',
    load: async () => (await import('./review.js')).reviewCommand,
  },
  {
    name: 'claim',
    summary: 'Claim royalties and scoring rewards',
    load: async () => (await import('./claim.js')).claimCommand,
  },
  {
    name: 'usage',
    summary: 'Verify your usage entries against the roots anchored on-chain',
    load: async () => (await import('./usage.js')).usageCommand,
  },
  {
    name: 'gov',
    summary: 'Governance: propose, vote, queue, execute, status, delegate',
    load: async () => (await import('./gov.js')).govCommand,
  },
  {
    name: 'index',
    summary: "Rebuild the protocol's state from events and print it",
    load: async () => (await import('./index-cmd.js')).indexCommand,
  },
  {
    name: 'demo',
    summary: 'Run the whole story on a local node: register, score, slash, license, claim',
    load: async () => (await import('./demo.js')).demoCommand,
  },
  {
    name: 'gateway',
    summary: 'Run the local marketplace: anvil, the protocol, sample data and the REST API',
    load: async () => (await import('./gateway.js')).gatewayCommand,
  },
  {
    name: 'start',
    summary: 'The same as daimm gateway (what npm start runs)',
    load: async () => (await import('./gateway.js')).startCommand,
  },
]
