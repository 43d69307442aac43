/**
 * AuthThrottle: the delay doubles with each recent failure of one address up to the cap,
 * addresses count apart, a quiet period starts an address over, and the table stays bounded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AuthThrottle, DEFAULT_AUTH_THROTTLE } from '../../../src/server/auth-throttle.js';

test('delays double from 100 ms to the 5 s cap', () => {
  const throttle = new AuthThrottle();
  const delays = Array.from({ length: 9 }, (_, i) => throttle.failure('10.0.0.1', 1000 + i));
  assert.deepEqual(delays, [100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000]);
});

test('addresses count apart', () => {
  const throttle = new AuthThrottle();
  throttle.failure('10.0.0.1', 0);
  throttle.failure('10.0.0.1', 1);
  assert.equal(throttle.failure('10.0.0.2', 2), 100);
  assert.equal(throttle.failure('10.0.0.1', 3), 400);
});

test('a quiet minute starts an address over; failures within it keep counting', () => {
  const throttle = new AuthThrottle();
  throttle.failure('a', 0);
  assert.equal(throttle.failure('a', DEFAULT_AUTH_THROTTLE.quietMs - 1), 200);
  assert.equal(throttle.failure('a', 2 * DEFAULT_AUTH_THROTTLE.quietMs), 100);
});

test('the stalest address is forgotten beyond maxAddresses', () => {
  const throttle = new AuthThrottle({ ...DEFAULT_AUTH_THROTTLE, maxAddresses: 2 });
  throttle.failure('a', 0);
  throttle.failure('b', 1);
  throttle.failure('a', 2);
  throttle.failure('c', 3);
  assert.equal(throttle.size, 2);
  assert.equal(throttle.failure('b', 4), 100, 'b was the stalest');
  assert.equal(throttle.failure('c', 5), 200);
});
