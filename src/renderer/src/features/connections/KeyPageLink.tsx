import { exchangeInfo } from '@shared/exchanges'
import type { ExchangeId } from '@shared/exchanges'

/**
 * The exchange's API key page. It opens the way every outside link does: a new window that the
 * desktop app hands to the system browser only when its host is allow-listed (shared/external-links).
 */
export function KeyPageLink({ exchange }: { exchange: ExchangeId }) {
  const info = exchangeInfo[exchange]
  return (
    <a href={info.keyPage} target="_blank" rel="noreferrer noopener" data-testid={`key-page-${exchange}`}>
      {info.label}&apos;s API key page
    </a>
  )
}
