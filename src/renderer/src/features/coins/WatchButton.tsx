import { useChannel, useChannelMutation } from '../../lib/query'

/** Follow or unfollow a coin from wherever it is shown. */
export function WatchButton({ coinId }: { coinId: string }) {
  const list = useChannel('watchlist:list')
  const add = useChannelMutation('watchlist:add')
  const remove = useChannelMutation('watchlist:remove')
  const watched = list.data?.items.some((i) => i.coinId === coinId) ?? false
  const busy = add.isPending || remove.isPending || list.isPending
  const error = add.error ?? remove.error
  return (
    <span className="watch-button">
      <button
        type="button"
        data-testid="watch-toggle"
        aria-pressed={watched}
        disabled={busy}
        onClick={() => (watched ? remove.mutate({ coinId }) : add.mutate({ coinId }))}
      >
        {watched ? '★ On your watchlist' : '☆ Add to watchlist'}
      </button>
      {error && (
        <span role="alert" className="error-text">
          {error.message}
        </span>
      )}
    </span>
  )
}
