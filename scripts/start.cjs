// `npm start`: build, then launch the desktop app. Where no Electron runtime can be obtained (no
// download possible, or an unsupported system), say so in one line and open browser mode instead.
const { spawn, spawnSync } = require('node:child_process')
const { join } = require('node:path')

const root = join(__dirname, '..')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
  return result.status === 0
}

function electronBinary() {
  // Requiring `electron` from Node returns the binary's path, downloading it on first use.
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000
  })
  if (probe.status !== 0 || !probe.stdout) return null
  const check = spawnSync(probe.stdout, ['--version'], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }
  })
  return check.status === 0 ? probe.stdout : null
}

if (!run(npm, ['run', 'build', '--silent'])) process.exit(1)

const binary = electronBinary()
if (binary) {
  // The desktop app needs better-sqlite3 built for Electron's Node ABI.
  if (!run(process.execPath, [join(root, 'node_modules/electron-builder/cli.js'), 'install-app-deps'])) process.exit(1)
  const child = spawn(binary, [root], { cwd: root, stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
} else {
  console.log('No Electron runtime could be obtained on this machine; starting Seasonwatch in browser mode instead.')
  if (!run(process.execPath, [join(__dirname, 'ensure-node-abi.cjs')])) process.exit(1)
  const child = spawn(process.execPath, [join(root, 'bin/seasonwatch.cjs'), 'serve', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit'
  })
  const forward = (signal) => child.kill(signal)
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)
  child.on('exit', (code) => process.exit(code ?? 0))
}
