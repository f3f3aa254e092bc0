import type { Migration } from './types'

/**
 * Who stated a transaction's USD value (the imported file, or the user), and a fee value the user
 * entered. Values stated before this version came from the file, except on transactions the user
 * entered by hand.
 */
export const transactionValues: Migration = {
  version: 90,
  name: 'transaction-values',
  up(db) {
    db.exec(`
      ALTER TABLE portfolio_transactions ADD COLUMN value_source TEXT CHECK (value_source IN ('file', 'user'));
      ALTER TABLE portfolio_transactions ADD COLUMN fee_value_usd TEXT;
      UPDATE portfolio_transactions
        SET value_source = CASE WHEN source = 'manual' THEN 'user' ELSE 'file' END
        WHERE value_usd IS NOT NULL;
    `)
  }
}
