// A motcua webhook receiver in plain Node.js (no dependencies): checks the signature and the time, drops
// deliveries it has already handled, answers 2xx quickly. Run: MOTCUA_WEBHOOK_SECRET=whsec_… PORT=3000 node webhook-receiver.mjs
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const secret = process.env.MOTCUA_WEBHOOK_SECRET;
const TOLERANCE_SECONDS = 300;
const handled = new Set(); // use your database in production: deliveries may be retried

function verify(header, body) {
  const parts = Object.fromEntries(
    String(header ?? '')
      .split(',')
      .map((p) => p.trim().split('=')),
  );
  if (!/^\d+$/.test(parts.t ?? '') || !/^[0-9a-f]{64}$/.test(parts.v1 ?? '')) return false;
  if (Math.abs(Date.now() / 1000 - Number(parts.t)) > TOLERANCE_SECONDS) return false;
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(parts.v1, 'hex'));
}

createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8'); // the raw body, exactly as received
    if (!verify(req.headers['x-motcua-signature'], body)) {
      res.writeHead(400).end('bad signature');
      return;
    }
    const delivery = req.headers['x-motcua-delivery'];
    if (!handled.has(delivery)) {
      handled.add(delivery);
      const event = JSON.parse(body);
      console.log(`verified ${event.type} ${event.id} ${JSON.stringify(event.data)}`);
    }
    res.writeHead(204).end();
  });
}).listen(Number(process.env.PORT ?? 3000), function () {
  console.log(`listening on ${this.address().port}`);
});
