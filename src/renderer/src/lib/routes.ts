import { useEffect, useState } from 'react'

export const routes = [
  { id: 'season', label: 'Season' },
  { id: 'portfolio', label: 'Portfolio' },
  { id: 'rebalance', label: 'Rebalance' },
  { id: 'settings', label: 'Settings' }
] as const

export type RouteId = (typeof routes)[number]['id']

function parseHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '').split('/')[0]
  return routes.some((r) => r.id === id) ? (id as RouteId) : 'season'
}

/** The current page lives in the address hash, so reloads and the back button keep it. */
export function useRoute(): [RouteId, (id: RouteId) => void] {
  const [route, setRoute] = useState<RouteId>(() => parseHash(window.location.hash))
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash))
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return [route, (id) => (window.location.hash = `#/${id}`)]
}
