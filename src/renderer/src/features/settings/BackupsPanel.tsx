import { useState } from 'react'
import { megabytes } from '@shared/format'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useChannel, useChannelMutation } from '../../lib/query'

const kindWords = {
  daily: 'daily',
  migration: 'before an upgrade',
  restore: 'before a restore',
  manual: 'taken by hand'
} as const

const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
const size = megabytes

/**
 * The database's backups: taken daily and before every upgrade, kept for a week. A restore is
 * done the next time Seasonwatch starts, before anything opens the database; what it replaces is
 * kept as a backup of its own.
 */
export function BackupsPanel() {
  const list = useChannel('app:list-backups')
  const take = useChannelMutation('app:backup-now')
  const restore = useChannelMutation('app:restore-backup')
  const [confirming, setConfirming] = useState<string | null>(null)
  if (!list.data) return list.error ? <ErrorNotice error={list.error} /> : null
  const { backups, folder, pendingRestore } = list.data
  return (
    <section className="backups" aria-labelledby="backups-title" data-testid="backups">
      <h2 id="backups-title">Backups</h2>
      <p className="muted">
        Seasonwatch copies its database every day and before each upgrade, and keeps a week of copies in {folder}.
      </p>
      {pendingRestore ? (
        <p role="status" data-testid="restore-pending">
          {pendingRestore} will be restored the next time Seasonwatch starts: restart it to finish. What it replaces is
          kept as a backup.
        </p>
      ) : null}
      {backups.length === 0 ? (
        <p className="muted">No backups yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Taken</th>
              <th scope="col">Why</th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col">
                <span className="visually-hidden">Restore</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.file} data-testid={`backup-${b.file}`}>
                <td>{when(b.takenAt)}</td>
                <td>{kindWords[b.kind]}</td>
                <td className="num">{size(b.bytes)}</td>
                <td>
                  {confirming === b.file ? (
                    <>
                      <button
                        type="button"
                        data-testid="restore-confirm"
                        onClick={() => restore.mutate({ file: b.file }, { onSuccess: () => setConfirming(null) })}
                      >
                        Restore it on the next start
                      </button>{' '}
                      <button type="button" onClick={() => setConfirming(null)}>
                        Cancel
                      </button>
                    </>
                  ) : (
                    <button type="button" onClick={() => setConfirming(b.file)}>
                      Restore…
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" data-testid="backup-now" disabled={take.isPending} onClick={() => take.mutate(undefined)}>
        {take.isPending ? 'Backing up…' : 'Back up now'}
      </button>
      {take.error ? <ErrorNotice error={take.error} /> : null}
      {restore.error ? <ErrorNotice error={restore.error} /> : null}
    </section>
  )
}
