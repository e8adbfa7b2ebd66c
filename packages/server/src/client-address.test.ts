// Who the client is: trusted proxies from a CIDR list only, the right-most untrusted X-Forwarded-For hop, IPv6 by /64.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientAddress, clientKey, LOOPBACK_PROXIES, trustedProxies } from './client-address.js';
import { configFromEnv } from './config.js';

const proxies = trustedProxies(['10.0.0.0/8', '2001:db8:ffff::/48', '192.0.2.7']);

describe('client address', () => {
  it('without a trusted peer, X-Forwarded-For is ignored', () => {
    assert.equal(clientAddress('203.0.113.5', '1.2.3.4', proxies), '203.0.113.5');
    assert.equal(clientAddress('203.0.113.5', '1.2.3.4', trustedProxies([])), '203.0.113.5');
    assert.equal(clientAddress(undefined, '1.2.3.4', proxies), 'unknown');
  });
  it('from a trusted proxy, the right-most hop that is not a trusted proxy is the client; client-written hops are ignored', () => {
    assert.equal(clientAddress('10.1.1.1', '198.51.100.9', proxies), '198.51.100.9');
    assert.equal(clientAddress('10.1.1.1', '6.6.6.6, 198.51.100.9', proxies), '198.51.100.9');
    assert.equal(clientAddress('10.1.1.1', '6.6.6.6, 198.51.100.9, 10.2.2.2, 192.0.2.7', proxies), '198.51.100.9');
    assert.equal(clientAddress('::ffff:10.1.1.1', '198.51.100.9', proxies), '198.51.100.9', 'IPv4-mapped peer');
    assert.equal(clientAddress('10.1.1.1', '10.3.3.3, 10.2.2.2', proxies), '10.3.3.3', 'all trusted: the left-most');
    assert.equal(clientAddress('10.1.1.1', '[2001:db8:1::5]:4711', proxies), '2001:db8:1::5');
  });
  it('a malformed hop stops the walk at the last trusted address', () => {
    assert.equal(clientAddress('10.1.1.1', '198.51.100.9, garbage', proxies), '10.1.1.1');
    assert.equal(clientAddress('10.1.1.1', 'garbage, 10.2.2.2', proxies), '10.2.2.2');
  });
  it('counts IPv4 by address and IPv6 by /64', () => {
    assert.equal(clientKey('198.51.100.9'), '198.51.100.9');
    assert.equal(clientKey('::ffff:198.51.100.9'), '198.51.100.9');
    assert.equal(clientKey('2001:db8:1:2:3:4:5:6'), '2001:db8:1:2::/64');
    assert.equal(clientKey('2001:0db8:0001:0002::1'), '2001:db8:1:2::/64');
    assert.equal(clientKey('2001:db8::1'), '2001:db8:0:0::/64');
    assert.equal(clientKey('::1'), '0:0:0:0::/64');
    assert.equal(clientKey('fe80::1%eth0'), 'fe80:0:0:0::/64');
  });
  it('refuses a malformed proxy list at start-up; MOTCUA_TRUST_PROXY=1 means loopback only', () => {
    assert.throws(() => trustedProxies(['10.0.0.0/33']), /CIDR/);
    assert.throws(() => trustedProxies(['proxy.example']), /CIDR/);
    assert.throws(() => configFromEnv({ MOTCUA_TRUSTED_PROXIES: '10.0.0.0/8, nonsense' }), /MOTCUA_TRUSTED_PROXIES/);
    assert.deepEqual(configFromEnv({ MOTCUA_TRUST_PROXY: '1' }).trustedProxies, LOOPBACK_PROXIES);
    assert.deepEqual(configFromEnv({ MOTCUA_TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.7' }).trustedProxies, ['10.0.0.0/8', '192.0.2.7']);
    assert.deepEqual(configFromEnv({}).trustedProxies, []);
    const loopback = trustedProxies(LOOPBACK_PROXIES);
    assert.equal(clientAddress('127.0.0.1', '6.6.6.6, 198.51.100.9', loopback), '198.51.100.9');
  });
});
