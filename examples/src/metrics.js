// Prometheus scrape endpoint on its own port, kept in plain JavaScript so ops can edit it in place.
import http from 'node:http';
import os from 'node:os';

const startedAt = Date.now();
const counters = { requests: 0, errors: 0 };

export function countRequest(failed = false) {
  counters.requests++;
  if (failed) counters.errors++;
}

function render() {
  const lines = [
    '# TYPE app_requests_total counter',
    `app_requests_total ${counters.requests}`,
    '# TYPE app_errors_total counter',
    `app_errors_total ${counters.errors}`,
    '# TYPE app_uptime_seconds gauge',
    `app_uptime_seconds ${Math.round((Date.now() - startedAt) / 1000)}`,
    '# TYPE app_load1 gauge',
    `app_load1 ${os.loadavg()[0]}`,
  ];
  return `${lines.join('\n')}\n`;
}

const server = http.createServer((req, res) => {
  if (req.url !== '/metrics') {
    res.writeHead(404).end();
    return;
  }
  // scrapers reuse one connection for hours
  res.socket.setKeepAlive(true, 30_000);
  res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
  res.end(render());
});

const port = Number(process.env.METRICS_PORT ?? 9464);
server.listen(port, () => console.log(`metrics on :${port}`));
