import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FileRejected, readExport } from '../../../src/main/portfolio/import/read-export'
import { parseCsv } from '../../../src/main/portfolio/import/csv'
import { krakenSymbol } from '../../../src/main/portfolio/import/kraken'

const NOW = Date.parse('2025-06-01T00:00:00Z')
const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/portfolio', name), 'utf8')
const brief = (text: string, format?: Parameters<typeof readExport>[2]) => {
  const r = readExport(text, NOW, format)
  return {
    ...r,
    txs: r.transactions.map((t) => [
      t.line,
      t.kind,
      t.quantity,
      t.symbol,
      t.quoteQuantity,
      t.quoteSymbol,
      t.feeQuantity,
      t.feeSymbol,
      t.valueUsd
    ])
  }
}
function rejected(text: string, format?: Parameters<typeof readExport>[2]): FileRejected {
  try {
    readExport(text, NOW, format)
  } catch (error) {
    if (error instanceof FileRejected) return error
    throw error
  }
  throw new Error('the file was accepted')
}

describe('CSV reader', () => {
  it('keeps file line numbers across quoted line breaks, CRLF and blank lines', () => {
    const records = parseCsv('a,b\r\n"x\r\ny",2\r\n\r\n3,"say ""hi"""\r\n')
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x\r\ny', '2'] },
      { line: 5, cells: ['3', 'say "hi"'] }
    ])
  })
})

describe('export formats', () => {
  it('reads the Coinbase report past its preamble, with $ amounts and thousands separators', () => {
    const r = brief(fixture('coinbase.csv'))
    expect(r.format).toBe('coinbase')
    expect(r.rows).toBe(8)
    expect(r.errors).toEqual([])
    expect(r.skipped).toBe(1) // the USD deposit
    expect(r.txs).toEqual([
      [6, 'buy', '0.02', 'BTC', '852', 'USD', '12.49', 'USD', '852'],
      [7, 'buy', '0.5', 'ETH', '1240', 'USD', '7.44', 'USD', '1240'],
      [8, 'income', '0.00041', 'ETH', null, null, null, null, '0.94'],
      [9, 'trade', '249.5', 'USDC', '0.1', 'ETH', '2', 'USD', '250'],
      [10, 'sell', '0.005', 'BTC', '330', 'USD', '3.95', 'USD', '330'],
      [11, 'transfer_out', '0.1', 'ETH', null, null, null, null, null],
      [13, 'transfer_in', '3', 'SOL', null, null, null, null, '571.5']
    ])
  })

  it('puts Binance trade legs that share a second back together, fees included', () => {
    const r = brief(fixture('binance.csv'))
    expect(r.format).toBe('binance')
    expect(r.errors).toEqual([])
    expect(r.skipped).toBe(1) // the move between Binance's own wallets
    expect(r.txs).toEqual([
      [2, 'transfer_in', '1500', 'USDT', null, null, null, null, null],
      [3, 'trade', '0.0215', 'BTC', '1000', 'USDT', '0.0000215', 'BTC', null],
      [6, 'trade', '1.3', 'BNB', '400', 'USDT', '0.0013', 'BNB', null],
      [9, 'income', '0.01234567', 'USDT', null, null, null, null, null],
      [10, 'trade', '430.12', 'USDT', '0.01', 'BTC', '0.0011', 'BNB', null],
      [14, 'transfer_out', '0.005', 'BTC', null, null, null, null, null]
    ])
  })

  it('pairs Kraken ledger legs by refid and maps legacy asset codes (without the wallet column)', () => {
    const r = brief(fixture('kraken.csv'))
    expect(r.format).toBe('kraken')
    expect(r.errors).toEqual([])
    expect(r.skipped).toBe(2) // the cash deposit and a pending row without txid
    expect(r.txs).toEqual([
      [3, 'buy', '0.04', 'BTC', '1400', 'USD', '2.24', 'USD', null],
      [5, 'trade', '0.18', 'ETH', '0.01', 'BTC', '0.000288', 'ETH', null],
      [8, 'income', '0.08', 'DOT', null, null, null, null, null],
      [9, 'transfer_out', '0.05', 'ETH', null, null, '0.0035', 'ETH', null]
    ])
  })

  it('reads Kraken ledgers with the wallet column the same way', () => {
    const r = brief(fixture('kraken-wallet.csv'))
    expect(r.format).toBe('kraken')
    expect(r.errors).toEqual([])
    expect(r.txs).toEqual([
      [2, 'sell', '0.001', 'BTC', '62.43', 'USD', '0.1', 'USD', null],
      [4, 'income', '0.01234', 'SOL', null, null, null, null, null],
      [6, 'buy', '98.51', 'USDC', '100', 'USD', '1.49', 'USD', null]
    ])
    expect(krakenSymbol('XXBT')).toBe('BTC')
    expect(krakenSymbol('ETH2.S')).toBe('ETH')
    expect(krakenSymbol('XXDG')).toBe('DOGE')
  })

  it('reads the generic format with every transaction type', () => {
    const r = brief(fixture('generic.csv'))
    expect(r.format).toBe('generic')
    expect(r.errors).toEqual([])
    expect(r.txs.map((t) => t[1])).toEqual([
      'buy',
      'buy',
      'trade',
      'income',
      'transfer_out',
      'transfer_in',
      'sell',
      'holding'
    ])
    expect(r.txs[0]).toEqual([2, 'buy', '0.1', 'BTC', '2700', 'USD', '4.5', 'USD', null])
  })

  it('reads the older Coinbase header (Spot Price Currency) the same way', () => {
    const text = [
      'Transactions',
      'User,Alex Example,5f0a7c3e2b1d4e6f8a9b0c1d',
      'Timestamp,Transaction Type,Asset,Quantity Transacted,Spot Price Currency,Spot Price at Transaction,Subtotal,Total (inclusive of fees and/or spread),Fees and/or Spread,Notes',
      '2023-03-01T10:00:00Z,Buy,ETH,0.25,USD,1650.00,412.50,418.49,5.99,Bought 0.25 ETH for $418.49 USD',
      '2023-04-02T11:00:00Z,Coinbase Earn,GRT,4.5,USD,0.14,0.63,0.63,0.00,Received 4.5 GRT from Coinbase Earn'
    ].join('\n')
    const r = brief(text)
    expect(r.format).toBe('coinbase')
    expect(r.txs).toEqual([
      [4, 'buy', '0.25', 'ETH', '412.5', 'USD', '5.99', 'USD', '412.5'],
      [5, 'income', '4.5', 'GRT', null, null, null, null, '0.63']
    ])
  })

  it('splits a Binance dust conversion into one leg per coin and reads two-digit years', () => {
    const text = [
      'User_ID,UTC_Time,Account,Operation,Coin,Change,Remark',
      '148832910,23-05-04 06:00:00,Spot,Small Assets Exchange BNB,SHIB,-120000.5,',
      '148832910,23-05-04 06:00:00,Spot,Small Assets Exchange BNB,TRX,-3.2,',
      '148832910,23-05-04 06:00:00,Spot,Small Assets Exchange BNB,BNB,0.0061,'
    ].join('\n')
    const r = brief(text)
    expect(r.errors).toEqual([])
    expect(r.txs.map((t) => [t[0], t[1], t[2], t[3]])).toEqual([
      [2, 'buy', '0.0061', 'BNB'],
      [2, 'sell', '120000.5', 'SHIB'],
      [2, 'sell', '3.2', 'TRX']
    ])
    expect(r.transactions[0]?.at).toBe(Date.parse('2023-05-04T06:00:00Z'))
  })

  it('accepts a byte-order mark and CRLF line ends', () => {
    const text = `\uFEFF${fixture('generic.csv').replace(/\n/g, '\r\n')}`
    const r = brief(text)
    expect(r.format).toBe('generic')
    expect(r.errors).toEqual([])
    expect(r.txs).toHaveLength(8)
  })

  it('follows a chosen format and refuses a file of another one', () => {
    expect(brief(fixture('kraken.csv'), 'kraken').format).toBe('kraken')
    const error = rejected(fixture('kraken.csv'), 'binance')
    expect(error.message).toMatch(
      /not a Binance spot transaction history file: the header lacks utc_time, account, operation, coin, change/
    )
  })
})

describe('malformed files', () => {
  it('refuses an empty file and a header without rows', () => {
    expect(rejected('').message).toBe('The file is empty.')
    expect(rejected('\uFEFF\r\n  \r\n').message).toBe('The file is empty.')
    expect(rejected('date,type,asset,quantity\n').message).toMatch(/header but no rows/)
  })

  it('refuses a semicolon- or tab-separated file with the reason', () => {
    const semi = fixture('generic.csv').replace(/,/g, ';')
    expect(rejected(semi).message).toMatch(/separates its columns with ";"/)
    expect(rejected(semi.replace(/;/g, '\t')).message).toMatch(/separates its columns with tabs/)
  })

  it('names the missing columns', () => {
    const text =
      '"txid","refid","time","type","subtype","aclass","asset","amount","balance"\n"A","B","2024-01-01 00:00:00","deposit","","currency","XXBT","1","1"\n'
    const error = rejected(text)
    expect(error.format).toBe('kraken')
    expect(error.line).toBe(1)
    expect(error.message).toMatch(/lacks the column fee/)
  })

  it('refuses an unknown header', () => {
    expect(rejected('when,what,how much\n2024-01-01,BTC,1\n').message).toMatch(/does not match any known export/)
  })

  it('reports bad numbers, dates, types and short rows with their line numbers', () => {
    const text = [
      'date,type,asset,quantity,quote_asset,quote_quantity,fee_asset,fee_quantity,value_usd,note',
      '2024-01-01,buy,BTC,0.1,USD,3000,,,,',
      '2024-13-01,buy,BTC,0.1,USD,3000,,,,',
      '01/02/2024,buy,BTC,0.1,USD,3000,,,,',
      '2024-01-03,buy,BTC,abc,USD,3000,,,,',
      '2024-01-04,buy,BTC,"1.234,5",USD,3000,,,,',
      '2024-01-05,swap,BTC,1,USD,3000,,,,',
      '2024-01-06,buy,BTC,1',
      '2099-01-01,buy,BTC,1,USD,3000,,,,',
      '2024-01-08,buy,BTC,-1,USD,3000,,,,',
      '2024-01-09,trade,BTC,1,,,,,,',
      '2024-01-10,buy,BTC,"12,000.5",USD,"1,000",,,,'
    ].join('\n')
    const r = readExport(text, NOW)
    expect(r.errors).toEqual([
      { line: 3, reason: 'date "2024-13-01" is not a real date and time' },
      { line: 4, reason: 'date "01/02/2024" is not a date; expected YYYY-MM-DD or YYYY-MM-DD HH:MM:SS' },
      { line: 5, reason: 'quantity "abc" is not a number' },
      { line: 6, reason: 'quantity "1.234,5" uses a comma as the decimal mark; use a point, as in 1234.56' },
      {
        line: 7,
        reason: 'type "swap" is not one of buy, sell, trade, transfer_in, transfer_out, income, fee, holding'
      },
      { line: 8, reason: 'has 4 columns where the header has 10' },
      { line: 9, reason: 'date "2099-01-01" is in the future' },
      { line: 10, reason: 'quantity must not be negative; the type says which way it moves' },
      { line: 11, reason: 'a trade needs quote_asset and quote_quantity (what was given for the asset)' }
    ])
    expect(r.transactions.map((t) => [t.line, t.quantity, t.quoteQuantity])).toEqual([
      [2, '0.1', '3000'],
      [12, '12000.5', '1000']
    ])
  })

  it('reports a Kraken trade with a missing leg and an unknown Binance operation', () => {
    const kraken = fixture('kraken.csv').split('\n')
    kraken.splice(3, 1) // drop the XXBT leg of the first trade
    expect(readExport(kraken.join('\n'), NOW).errors).toEqual([
      { line: 3, reason: 'trade TJ4WQG-AAAAA-BBBBB1 should have one leg paid and one received, found 1 and 0' }
    ])
    const binance = `${fixture('binance.csv')}"148832910","2024-03-01 10:00:00","Spot","Mystery Box","BTC","0.1",""\r\n`
    expect(readExport(binance, NOW).errors).toEqual([
      { line: 15, reason: 'Operation "Mystery Box" is not one Seasonwatch knows' }
    ])
  })

  it('refuses an unclosed quote with its line', () => {
    const error = rejected('date,type,asset,quantity\n2024-01-01,buy,BTC,1\n2024-01-02,"buy,BTC,1\n')
    expect(error.line).toBe(3)
    expect(error.message).toMatch(/quoted cell is never closed/)
  })
})
