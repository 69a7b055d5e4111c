import {
  type Account,
  useRequestUnstake,
  useStake,
  useUpdateWeight,
  useWithdrawStake,
} from '@daimm/react'
import { useState } from 'react'
import { formatEther, parseEther } from 'viem'
import { errorText, short } from '../format'

/** `1,234.5 DAIMM` from wei (the gateway sends the pool weight as a bare number). */
function daimm(wei: string): string {
  return `${Number(formatEther(BigInt(wei))).toLocaleString('en', { maximumFractionDigits: 4 })} DAIMM`
}

/** Wei from what was typed, or null when it is not an amount above zero. */
function amountOf(text: string): bigint | null {
  try {
    const wei = parseEther(text.trim())
    return wei > 0n ? wei : null
  } catch {
    return null
  }
}

const NOT_AN_AMOUNT = 'Enter an amount of DAIMM above zero, such as 1000 or 0.5.'

/**
 * The account's stake: staking (as a validator, which joins the scoring pool), the pool weight
 * committees are drawn by, unbonding and withdrawal.
 */
export function StakePanel({ stake: s, reputation }: Pick<Account, 'stake' | 'reputation'>) {
  const stake = useStake()
  const sync = useUpdateWeight()
  const unstake = useRequestUnstake()
  const withdraw = useWithdrawStake()
  const [toStake, setToStake] = useState('')
  const [asValidator, setAsValidator] = useState(false)
  const [toUnstake, setToUnstake] = useState('')
  const [typo, setTypo] = useState<'stake' | 'unstake' | null>(null)
  const error = stake.error ?? sync.error ?? unstake.error ?? withdraw.error
  // Draws see the pool weight, which stake changes and slashes leave behind until it is synced.
  const behind = s.inValidatorSet && s.sortitionWeight !== s.active.value
  /** A form's submit: sends the amount typed, or names the typo and sends nothing. */
  const submit =
    (form: 'stake' | 'unstake', text: string, send: (amount: bigint) => void) =>
    (e: React.FormEvent) => {
      e.preventDefault()
      const amount = amountOf(text)
      setTypo(amount === null ? form : null)
      if (amount !== null) send(amount)
    }

  return (
    <>
      <h2>Stake</h2>
      <p>
        Active {s.active.formatted ?? s.active.value}, locked in rounds{' '}
        {s.locked.formatted ?? s.locked.value}. Reputation {(Number(reputation) / 100).toFixed(0)}{' '}
        %.
      </p>
      {s.inValidatorSet && (
        <p data-testid="pool-weight">
          {behind ? (
            <>
              Committees are drawn by your pool weight, {daimm(s.sortitionWeight)}, not by your
              active stake: sync it so that draws see your stake.{' '}
              <button
                type="button"
                disabled={sync.isPending}
                onClick={() => sync.mutate(undefined)}
              >
                {sync.isPending ? 'Syncing… (pending)' : 'Sync pool weight'}
              </button>
            </>
          ) : (
            <>Validator in the scoring pool, drawn for committees by your whole stake.</>
          )}
        </p>
      )}
      {s.registeredValidator && !s.inValidatorSet && (
        <p>Registered as a validator, but below the validator minimum: stake more to be drawn.</p>
      )}
      <form
        className="inline-form"
        onSubmit={submit('stake', toStake, (amount) => {
          sync.reset() // the status below speaks of this stake's sync only
          stake.mutate(
            { amount, asValidator: asValidator || s.registeredValidator },
            {
              onSuccess: ({ events }) => {
                setToStake('')
                // In the validator set now: join the pool at the new stake, a second transaction as
                // the weight is lazy. Below the validator minimum there is no weight to sync.
                const active = events.some((e) => e.eventName === 'ValidatorActivated')
                if (s.inValidatorSet || active) sync.mutate(undefined)
              },
            },
          )
        })}
      >
        <label>
          Amount to stake (DAIMM)
          <input inputMode="decimal" value={toStake} onChange={(e) => setToStake(e.target.value)} />
        </label>{' '}
        {!s.registeredValidator && (
          <label>
            <input
              type="checkbox"
              checked={asValidator}
              onChange={(e) => setAsValidator(e.target.checked)}
            />{' '}
            as a validator (scores models for rewards; its stake can be slashed)
          </label>
        )}{' '}
        <button type="submit" disabled={!toStake || stake.isPending || sync.isPending}>
          {stake.isPending ? 'Staking… (pending)' : 'Stake'}
        </button>
      </form>
      {stake.isSuccess && (
        <p role="status" data-testid="staked">
          Final: staked in {short(stake.data.hash)}
          {sync.isSuccess ? `; pool weight ${daimm(sync.data.weight.toString())}.` : '.'}
        </p>
      )}
      {s.unbonding.length > 0 && (
        <ul data-testid="unbonding">
          {s.unbonding.map((u) => (
            <li key={`${u.releaseAt}-${u.amount.value}`}>
              {u.amount.formatted ?? u.amount.value} unbonding, withdrawable from{' '}
              {new Date(Number(u.releaseAt) * 1000).toLocaleString('en')}
            </li>
          ))}
        </ul>
      )}
      <form
        className="inline-form"
        onSubmit={submit('unstake', toUnstake, (amount) =>
          unstake.mutate({ amount }, { onSuccess: () => setToUnstake('') }),
        )}
      >
        <label>
          Amount to unstake (DAIMM)
          <input
            inputMode="decimal"
            value={toUnstake}
            onChange={(e) => setToUnstake(e.target.value)}
          />
        </label>{' '}
        <button type="submit" disabled={!toUnstake || unstake.isPending}>
          {unstake.isPending ? 'Requesting… (pending)' : 'Request unstake'}
        </button>{' '}
        <button type="button" disabled={withdraw.isPending} onClick={() => withdraw.mutate()}>
          {withdraw.isPending ? 'Withdrawing… (pending)' : 'Withdraw unbonded stake'}
        </button>
      </form>
      {unstake.isSuccess && (
        <p role="status" data-testid="unstaked">
          Final: unbonding started in {short(unstake.data.hash)}.
        </p>
      )}
      {withdraw.isSuccess && <p role="status">Final: withdrawn in {short(withdraw.data.hash)}.</p>}
      {typo && (
        <p role="alert" className="error">
          Amount to {typo}: {NOT_AN_AMOUNT}
        </p>
      )}
      {error && !typo && (
        <p role="alert" className="error">
          {errorText(error)}
        </p>
      )}
    </>
  )
}
