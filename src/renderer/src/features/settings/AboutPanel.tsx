import { useChannel } from '../../lib/query'

export function AboutPanel() {
  const info = useChannel('app:get-info')
  if (!info.data) return null
  const { version, runtime, schemaVersion, dataDir, databasePath } = info.data
  return (
    <section className="about" aria-labelledby="about-title" data-testid="about">
      <h2 id="about-title">About</h2>
      <dl>
        <dt>Version</dt>
        <dd data-testid="app-version">{version}</dd>
        <dt>Running as</dt>
        <dd data-testid="app-runtime">{runtime === 'electron' ? 'desktop app' : 'browser mode'}</dd>
        <dt>Database schema</dt>
        <dd data-testid="app-schema-version">{schemaVersion}</dd>
        <dt>Data folder</dt>
        <dd data-testid="app-data-dir">{dataDir}</dd>
        <dt>Database file</dt>
        <dd>{databasePath}</dd>
      </dl>
      <p className="muted">Your portfolio and settings are stored only in this folder, on this computer.</p>
    </section>
  )
}
