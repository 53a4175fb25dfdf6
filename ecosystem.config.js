// pm2 process file: `npx pm2 start ecosystem.config.js`.
// One forked process: SQLite has a single writer, so never run regwatch in cluster mode.
// The package is ESM ("type": "module"); pm2 require()s this file, which Node >= 20.19 allows
// for ES modules, and reads `apps` off the namespace (a default export would be ignored).
export const apps = [
  {
    name: 'regwatch',
    script: 'dist/src/cli/main.js',
    args: 'run',
    exec_mode: 'fork',
    instances: 1,
    autorestart: true,
    exp_backoff_restart_delay: 1000, // 1 s, doubling up to pm2's cap, reset after a stable run
    max_restarts: 50,
    min_uptime: '30s',
    // `pm2 stop/restart` sends SIGINT, then SIGKILL after kill_timeout. The daemon gives work in
    // flight DEFAULT_SHUTDOWN_GRACE_MS (25 s) plus SHUTDOWN_MARGIN_MS (2 s) to close the database
    // and flush logs (src/daemon/shutdown.ts): keep kill_timeout above their sum.
    kill_timeout: 30000,
    // One out and one error file under ~/.pm2/logs, without the instance-number suffix.
    merge_logs: true,
    max_memory_restart: '1G',
    env: { NODE_ENV: 'production' },
  },
];
