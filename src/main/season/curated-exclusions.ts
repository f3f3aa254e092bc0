/**
 * The built-in curated exclusion list (DESIGN.md 1.3): CoinGecko ids of well-known stablecoins,
 * wrappers and staking derivatives. Provider categories catch most of them, but category pages
 * are incomplete and change, so the coins that would otherwise distort the index most are named
 * here as well. One entry per coin with the reason it is excluded; changing this list changes the
 * index, so every edit bumps SEASON_ENGINE_VERSION in variants.ts (the history is recomputed).
 */
export const curatedExclusions: Readonly<Record<string, string>> = {
  // --- USD stablecoins: their price is the dollar, so they can never beat or trail bitcoin on merit.
  tether: 'USDT, fiat-backed USD stablecoin',
  'usd-coin': 'USDC, fiat-backed USD stablecoin',
  dai: 'DAI, crypto-collateralised USD stablecoin',
  usds: 'USDS, the renamed DAI',
  'binance-usd': 'BUSD, fiat-backed USD stablecoin',
  'true-usd': 'TUSD, fiat-backed USD stablecoin',
  'paxos-standard': 'USDP (formerly PAX), fiat-backed USD stablecoin',
  'gemini-dollar': 'GUSD, fiat-backed USD stablecoin',
  husd: 'HUSD, fiat-backed USD stablecoin',
  frax: 'FRAX, fractional USD stablecoin',
  'liquity-usd': 'LUSD, crypto-collateralised USD stablecoin',
  'first-digital-usd': 'FDUSD, fiat-backed USD stablecoin',
  'paypal-usd': 'PYUSD, fiat-backed USD stablecoin',
  usdd: 'USDD, USD stablecoin',
  'ethena-usde': 'USDe, synthetic USD stablecoin',
  'magic-internet-money': 'MIM, crypto-collateralised USD stablecoin',
  terrausd: 'UST, algorithmic USD stablecoin (a stablecoin by design even after it lost its peg)',
  nusd: 'sUSD, Synthetix USD stablecoin',
  'celo-dollar': 'cUSD, Celo USD stablecoin',
  'stasis-eurs': 'EURS, euro stablecoin',
  'euro-coin': 'EURC, euro stablecoin',
  // --- Yield-bearing dollar tokens: a slowly rising dollar, not a market position.
  'ethena-staked-usde': 'sUSDe, staked USDe',
  'savings-dai': 'sDAI, DAI in the savings rate contract',
  // --- Gold-backed tokens: they track gold, not the crypto market.
  'pax-gold': 'PAXG, one troy ounce of gold per token',
  'tether-gold': 'XAUT, one troy ounce of gold per token',
  // --- Bitcoin wrappers: bitcoin itself in another wrapper, so "beating bitcoin" is meaningless.
  'wrapped-bitcoin': 'WBTC, bitcoin wrapped on Ethereum',
  'coinbase-wrapped-btc': 'cbBTC, bitcoin wrapped by Coinbase',
  'huobi-btc': 'HBTC, bitcoin wrapped by Huobi',
  renbtc: 'renBTC, bitcoin bridged by Ren',
  tbtc: 'tBTC, bitcoin bridged by Threshold',
  'solv-btc': 'SolvBTC, bitcoin wrapped by Solv',
  'bitcoin-bep2': 'BTCB, bitcoin pegged on BNB Chain',
  'binance-bitcoin': 'BTCB, bitcoin pegged on BNB Chain',
  // --- Ether wrappers and liquid staking tokens: ether under another name.
  weth: 'WETH, ether wrapped as an ERC-20',
  'staked-ether': 'stETH, Lido staked ether',
  'wrapped-steth': 'wstETH, wrapped Lido staked ether',
  'rocket-pool-eth': 'rETH, Rocket Pool staked ether',
  'coinbase-wrapped-staked-eth': 'cbETH, Coinbase staked ether',
  'wrapped-beacon-eth': 'wBETH, Binance staked ether',
  'wrapped-eeth': 'weETH, ether.fi restaked ether',
  'frax-ether': 'frxETH, Frax ether',
  'staked-frax-ether': 'sfrxETH, staked Frax ether',
  'mantle-staked-ether': 'mETH, Mantle staked ether',
  // --- Liquid staking tokens of other chains: the chain's coin plus staking yield.
  msol: 'mSOL, Marinade staked SOL',
  'jito-staked-sol': 'JitoSOL, Jito staked SOL',
  'binance-staked-sol': 'BNSOL, Binance staked SOL',
  'lido-staked-sol': 'stSOL, Lido staked SOL'
}

export function isCurated(id: string): boolean {
  return Object.prototype.hasOwnProperty.call(curatedExclusions, id)
}
