import type { Regime } from '@shared/domain'
import { useEffect, useState } from 'react'
import type { ChannelOutput } from '@shared/contract'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useChannel, useChannelMutation } from '../../lib/query'
import { regimeLabels } from '@shared/domain'

type Split = ChannelOutput<'rebalance:get-targets'>['targets'][Regime]
const regimes: Regime[] = ['bitcoin', 'neutral', 'altcoin']

/** One row per regime: the Bitcoin / altcoin / stablecoin split, saved per row. */
export function TargetsEditor({ current }: { current: Regime | null }) {
  const targets = useChannel('rebalance:get-targets')
  const save = useChannelMutation('rebalance:set-targets')
  const [draft, setDraft] = useState<Record<Regime, Split> | null>(null)
  // Weight entries that could not be read, per regime: shown, and they block saving that row.
  const [unreadable, setUnreadable] = useState<Partial<Record<Regime, string[]>>>({})

  useEffect(() => {
    if (targets.data) setDraft(targets.data.targets)
  }, [targets.data])

  if (targets.error) return <ErrorNotice error={targets.error} onRetry={() => void targets.refetch()} />
  if (!draft || !targets.data) return <p className="muted">Loading targets…</p>

  const set = (regime: Regime, key: 'bitcoin' | 'altcoins' | 'stablecoins', value: number) =>
    setDraft({ ...draft, [regime]: { ...draft[regime], [key]: value } })
  const weightsText = (split: Split) =>
    Object.entries(split.altWeights)
      .map(([id, w]) => `${id}:${w}`)
      .join(', ')

  return (
    <section className="card rebalance-targets" data-testid="targets-editor" aria-labelledby="targets-title">
      <h2 id="targets-title">Targets per regime</h2>
      <p className="muted">
        Percent of the portfolio&apos;s value in each sleeve. Wrapped BTC counts as Bitcoin. Altcoin weights are
        optional (coin id:weight, comma-separated).
      </p>
      <table className="rebalance-table">
        <thead>
          <tr>
            <th scope="col">Regime</th>
            <th scope="col">Bitcoin %</th>
            <th scope="col">Altcoins %</th>
            <th scope="col">Stablecoins %</th>
            <th scope="col">Altcoin weights</th>
            <th scope="col" aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {regimes.map((regime) => {
            const split = draft[regime]
            const sum = split.bitcoin + split.altcoins + split.stablecoins
            return (
              <tr key={regime} data-testid={`targets-${regime}`} aria-current={regime === current ? 'true' : undefined}>
                <th scope="row">
                  {regimeLabels[regime]}
                  {regime === current ? <span className="badge">now</span> : null}
                </th>
                {(['bitcoin', 'altcoins', 'stablecoins'] as const).map((key) => (
                  <td key={key}>
                    <input
                      type="number"
                      min={0}
                      max={100}
                      step={1}
                      aria-label={`${regimeLabels[regime]} ${key} percent`}
                      data-testid={`target-${regime}-${key}`}
                      value={split[key]}
                      onChange={(e) => set(regime, key, Number(e.target.value))}
                    />
                  </td>
                ))}
                <td>
                  <input
                    type="text"
                    aria-label={`${regimeLabels[regime]} altcoin weights`}
                    placeholder="e.g. ethereum:2, solana:1"
                    defaultValue={weightsText(split)}
                    key={weightsText(targets.data.targets[regime])}
                    onBlur={(e) => {
                      const parsed = parseWeights(e.target.value)
                      setDraft({ ...draft, [regime]: { ...split, altWeights: parsed.weights } })
                      setUnreadable({ ...unreadable, [regime]: parsed.unreadable })
                    }}
                  />
                </td>
                <td className="row-actions">
                  <button
                    type="button"
                    data-testid={`target-save-${regime}`}
                    disabled={save.isPending || Math.abs(sum - 100) > 0.01 || (unreadable[regime]?.length ?? 0) > 0}
                    onClick={() => save.mutate({ regime, targets: split })}
                  >
                    Save
                  </button>
                  <button type="button" onClick={() => save.mutate({ regime, targets: null })}>
                    Default
                  </button>
                  {Math.abs(sum - 100) > 0.01 ? <span className="bad">adds up to {sum}%</span> : null}
                  {(unreadable[regime]?.length ?? 0) > 0 ? (
                    <span className="bad" role="alert">
                      weights not understood: {unreadable[regime]?.join(', ')} (write coin id:weight)
                    </span>
                  ) : null}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {save.error ? <ErrorNotice error={save.error} /> : null}
    </section>
  )
}

/** Reads "ethereum:2, solana:1"; entries that are not an id with a positive weight are returned apart. */
export function parseWeights(text: string): { weights: Record<string, number>; unreadable: string[] } {
  const weights: Record<string, number> = {}
  const unreadable: string[] = []
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const [id, weight, ...rest] = part.split(':').map((s) => s.trim())
    const value = Number(weight)
    if (id && weight && rest.length === 0 && Number.isFinite(value) && value > 0) weights[id] = value
    else unreadable.push(part)
  }
  return { weights, unreadable }
}
