import { RuleTester } from 'eslint'
import { describe, it } from 'vitest'
// @ts-expect-error: a plain ESM module of the lint configuration, without type declarations
import { marketSqlRule } from '../../../scripts/lint/market-sql-rule.mjs'

RuleTester.describe = describe
RuleTester.it = it

const tester = new RuleTester({ languageOptions: { ecmaVersion: 2022, sourceType: 'module' } })

describe('lint: SQL on market tables only in the market store', () => {
  tester.run('no-market-sql', marketSqlRule, {
    valid: [
      "db.prepare('SELECT coin_id FROM portfolio_asset_map WHERE source = ?')",
      "db.prepare('INSERT INTO portfolio_transactions (kind) VALUES (?)')",
      "const words = 'coins you hold come from your transactions'",
      'db.prepare(`SELECT day FROM season_history WHERE top_n = ${top}`)'
    ],
    invalid: [
      { code: "db.prepare('SELECT 1 FROM coins WHERE id = ?')", errors: [{ messageId: 'market' }] },
      {
        code: 'db.prepare(`SELECT v.price FROM daily_values v\n LEFT JOIN coins c ON c.id = v.coin_id`)',
        errors: [{ messageId: 'market' }]
      },
      { code: "db.exec('delete from coin_categories')", errors: [{ messageId: 'market' }] },
      {
        code: "db.prepare('INSERT INTO market_changes (from_day, at) VALUES (?, ?)')",
        errors: [{ messageId: 'market' }]
      }
    ]
  })
})
