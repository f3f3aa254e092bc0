/**
 * ESLint rule: SQL that names a market table (coins, categories, daily values, the change log,
 * global figures, sync bookkeeping) belongs in src/main/market/, the one read model of the market.
 * Anywhere else a string or template that reads or writes one of them is an error.
 */
const MARKET_TABLES = [
  'coins',
  'coin_categories',
  'category_refresh',
  'daily_values',
  'market_changes',
  'global_daily',
  'coin_history',
  'sync_lock',
  'sync_runs'
]
const SQL = new RegExp(`\\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\\s+(${MARKET_TABLES.join('|')})\\b`, 'i')

export const marketSqlRule = {
  meta: {
    type: 'problem',
    docs: { description: 'no SQL on market tables outside src/main/market/' },
    messages: { market: 'SQL on the market table "{{table}}" belongs in src/main/market/ (the market store).' },
    schema: []
  },
  create(context) {
    const check = (node, text) => {
      const found = SQL.exec(text)
      if (found) context.report({ node, messageId: 'market', data: { table: found[1] } })
    }
    return {
      Literal(node) {
        if (typeof node.value === 'string') check(node, node.value)
      },
      TemplateLiteral(node) {
        check(node, node.quasis.map((q) => q.value.cooked ?? '').join(' '))
      }
    }
  }
}
