// A WebSocket server on Node's ws package for the interop tests. Prints "PORT <n>" once listening on 127.0.0.1,
// exits when its standard input closes (the test process went away) or after 120 s, whichever comes first.
// Usage: node ws-server.js [--deflate]
'use strict';
const http = require('http');
const { WebSocketServer } = require('ws');

const deflate = process.argv.includes('--deflate');
const server = http.createServer((req, res) => { res.writeHead(404); res.end(); });
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: deflate, maxPayload: 64 * 1024 * 1024 });

server.on('upgrade', (req, socket, head) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/reject401') {
    // Echo the Authorization header in the body: the client must redact it from its error.
    const body = JSON.stringify({ error: { message: 'Incorrect API key provided', seen: req.headers['authorization'] || '' } });
    socket.end(`HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => handle(ws, url));
});

function handle(ws, url) {
  switch (url.pathname) {
    case '/echo':
      ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
      break;
    case '/fragments': {
      // One text message in five fragments with a ping between each, then a report of the pongs received.
      let pongs = 0;
      ws.on('pong', () => {
        pongs++;
        if (pongs === 4) ws.send(`pongs:${pongs}`);
      });
      const parts = ['{"type":"response.output_text.delta",', '"delta":"fragm', 'ented ü', 'ber', ' ping"}'];
      parts.forEach((part, i) => {
        ws.send(part, { fin: i === parts.length - 1, compress: deflate });
        if (i < parts.length - 1) ws.ping(Buffer.from(`p${i}`));
      });
      break;
    }
    case '/close':
      ws.close(Number(url.searchParams.get('code') || 1000), url.searchParams.get('reason') || '');
      break;
    case '/stream': {
      const n = Number(url.searchParams.get('n') || 100);
      for (let i = 0; i < n; i++) ws.send(`{"type":"response.output_text.delta","delta":"${i}"}`);
      ws.send('{"type":"response.completed"}');
      break;
    }
    default:
      ws.close(4404, 'unknown path');
  }
}

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`PORT ${server.address().port}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
setTimeout(() => process.exit(0), 120000);
