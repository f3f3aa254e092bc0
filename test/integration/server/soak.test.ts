import { describe, expect, it } from 'vitest'
import { runSoak } from '../../support/soak'

describe('browser mode under many clients at once', () => {
  it('answers every request, refuses every bad one, and ends as the same writes done one by one would', async () => {
    const report = await runSoak({ clients: 20, seconds: 8 })
    process.stderr.write(
      `soak (20 clients, 8 s): ${report.requests} requests, ${report.imports} imports, p99 ${report.latencyMs.p99.toFixed(0)} ms, rss peak ${report.rssPeakMb.toFixed(0)} MB\n`
    )
    expect(report.failures).toEqual([])
    expect(report.deliberate.accepted).toEqual([])
    expect(report.deliberate.refused).toBeGreaterThan(0)
    expect(report.imports).toBeGreaterThan(10)
    expect(report.differences).toEqual([])
  }, 120_000)
})
