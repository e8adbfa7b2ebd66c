import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isMotcuaError,
  MotcuaAbortError,
  MotcuaError,
  MotcuaHttpError,
  MotcuaInputError,
  MotcuaNetworkError,
  MotcuaResponseError,
  MotcuaTimeoutError,
} from './errors.js';

test('each error has its kind, its name and extends MotcuaError', () => {
  const errors = [
    [new MotcuaNetworkError('/api/v1/agencies'), 'network', 'MotcuaNetworkError'],
    [new MotcuaTimeoutError('/api/v1/agencies', 100), 'timeout', 'MotcuaTimeoutError'],
    [new MotcuaHttpError({ status: 404, path: '/api/v1/x' }), 'http', 'MotcuaHttpError'],
    [new MotcuaResponseError('/api/v1/x', [{ path: 'a', message: 'b' }]), 'response', 'MotcuaResponseError'],
    [new MotcuaAbortError('/api/v1/x'), 'aborted', 'MotcuaAbortError'],
    [new MotcuaInputError('bad'), 'input', 'MotcuaInputError'],
  ] as const;
  for (const [error, kind, name] of errors) {
    assert.ok(error instanceof MotcuaError);
    assert.ok(error instanceof Error);
    assert.equal(error.kind, kind);
    assert.equal(error.name, name);
    assert.ok(isMotcuaError(error));
  }
  assert.equal(isMotcuaError(new Error('x')), false);
  assert.equal(isMotcuaError({ kind: 'http' }), false);
});

test('MotcuaHttpError names the problem code and detail', () => {
  const error = new MotcuaHttpError({
    status: 404,
    path: '/api/v1/dossiers/X',
    problem: { type: 'about:blank', title: 'Not found', status: 404, code: 'dossier_not_found', detail: 'No such dossier' },
  });
  assert.match(error.message, /404/);
  assert.match(error.message, /dossier_not_found/);
  assert.match(error.message, /No such dossier/);
});

test('MotcuaResponseError lists at most five field paths in its message', () => {
  const issues = Array.from({ length: 7 }, (_, i) => ({ path: `items[${i}].code`, message: 'expected string' }));
  const error = new MotcuaResponseError('/api/v1/agencies', issues);
  assert.match(error.message, /\/api\/v1\/agencies/);
  assert.match(error.message, /items\[4\]\.code/);
  assert.doesNotMatch(error.message, /items\[5\]\.code/);
  assert.match(error.message, /2 more/);
  assert.equal(error.issues.length, 7);
});
