import type { Runtime } from '../../shared/contract'
import type { ProviderTier } from '../../shared/provider-address'

export interface RefusalContext {
  tier: ProviderTier
  /** Whether an API key is set (it is sent only on the demo and pro plans). */
  keySet: boolean
  runtime: Runtime
  /** Whether the key comes from SEASONWATCH_API_KEY rather than from Settings. */
  keyFromEnv: boolean
}

/**
 * What to do about a 401 or 403 from the provider, in the words of the place where the key and
 * plan are set: Settings in the app, the environment and --tier on the command line. CoinGecko's
 * demo and pro keys look alike, so a refused key is most often a key of the other plan.
 */
export function describeRefusal(path: string, status: number, context: RefusalContext): string {
  const lead = `The provider refused ${path} (HTTP ${status})`
  const cli = context.runtime === 'cli'
  const choose = (tier: ProviderTier) =>
    cli
      ? `run with --tier ${tier} (or set SEASONWATCH_API_TIER=${tier})`
      : `choose the ${tier} plan in Settings${context.keyFromEnv ? ` (or set SEASONWATCH_API_TIER=${tier} where Seasonwatch starts)` : ''}`
  if (!context.keySet) {
    const where = cli
      ? 'set SEASONWATCH_API_KEY to your CoinGecko key and name its plan with --tier demo or --tier pro'
      : context.keyFromEnv
        ? 'check the API key (SEASONWATCH_API_KEY, where Seasonwatch starts) and the plan in Settings'
        : 'check the API key and plan in Settings'
    return `${lead} without an API key: ${where}. The free plans serve at most 365 days of history.`
  }
  if (context.tier === 'public') {
    return `${lead}: an API key is set, but the public plan does not send it. If it is a demo key, ${choose('demo')}; if a pro key, ${choose('pro')}.`
  }
  const other: ProviderTier = context.tier === 'demo' ? 'pro' : 'demo'
  return `${lead} with the ${context.tier} API key. If it is a ${other} key, ${choose(other)}; otherwise check the key.${context.tier === 'demo' ? ' The demo plan serves at most 365 days of history.' : ''}`
}
