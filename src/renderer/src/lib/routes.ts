import { useEffect, useState } from 'react'

export const routes = [
  { id: 'season', label: 'Season' },
  { id: 'portfolio', label: 'Portfolio' },
  { id: 'coins', label: 'Coins' },
  { id: 'reports', label: 'Reports' },
  { id: 'rebalance', label: 'Rebalance' },
  { id: 'settings', label: 'Settings' }
] as const

export type RouteId = (typeof routes)[number]['id']

/** The page, and what follows it in the address (`#/portfolio/asset/bitcoin` → ['asset', 'bitcoin']). */
export function parseHash(hash: string): { route: RouteId; rest: string[] } {
  const [id, ...rest] = hash.replace(/^#\/?/, '').split('/')
  const route = routes.some((r) => r.id === id) ? (id as RouteId) : 'season'
  const decoded = rest
    .filter((part) => part !== '')
    .map((part) => {
      try {
        return decodeURIComponent(part)
      } catch {
        return part
      }
    })
  return { route, rest: route === id ? decoded : [] }
}

/** The address of a page and a place inside it, e.g. routeHref('portfolio', 'asset', 'symbol:XYZ'). */
export function routeHref(id: RouteId, ...rest: string[]): string {
  return `#/${[id, ...rest.map(encodeURIComponent)].join('/')}`
}

export function go(id: RouteId, ...rest: string[]): void {
  window.location.hash = routeHref(id, ...rest)
}

/**
 * The current page lives in the address hash, so reloads and the back button keep it; `rest` is
 * the place inside the page (a tab, an opened asset).
 */
export function useRoute(): [RouteId, (id: RouteId) => void, string[]] {
  const [state, setState] = useState(() => parseHash(window.location.hash))
  useEffect(() => {
    const onChange = () => setState(parseHash(window.location.hash))
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return [state.route, (id) => go(id), state.rest]
}
