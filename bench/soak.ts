// Soak of browser mode: 50 clients for 60 s mixing reads, imports, a settings write, a sync and
// deliberately bad requests (test/support/soak.ts). Prints latency and memory; any failed request
// or any difference from the same writes done serially is reported and fails the run.
import { runSoak } from '../test/support/soak'

export async function run(): Promise<void> {
  const report = await runSoak({ clients: 50, seconds: 60 })
  const { p50, p95, p99, max } = report.latencyMs
  const lines = [
    `50 clients for ${(report.wallMs / 1000).toFixed(1)} s: ${report.requests} requests (${(report.requests / (report.wallMs / 1000)).toFixed(0)} a second), ${report.imports} imports, one sync`,
    `latency: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${max.toFixed(0)} ms`,
    `memory: resident peak ${report.rssPeakMb.toFixed(0)} MB, heap peak ${report.heapPeakMb.toFixed(0)} MB`,
    `failed requests: ${report.failures.length}; deliberately bad: ${report.deliberate.refused} refused, ${report.deliberate.accepted.length} accepted`,
    `state after the soak vs the same writes done serially: ${report.differences.length === 0 ? 'identical' : report.differences.join(', ')}`
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
  for (const failure of report.failures.slice(0, 10)) process.stdout.write(`  failure: ${failure}\n`)
  if (report.failures.length > 0 || report.deliberate.accepted.length > 0 || report.differences.length > 0)
    process.exitCode = 1
}
