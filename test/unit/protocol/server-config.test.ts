/**
 * The TLS and authentication options of readConfig: flags, THANOSQL_* environment variables,
 * validation, and --help listing every new flag.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HELP, readConfig } from '../../../src/config/server-config.js';

test('TLS and auth-method flags and environment variables', () => {
  const fromFlags = readConfig(['--tls-cert', 'c.pem', '--tls-key', 'k.pem', '--require-tls', '--password', 'x', '--auth-method', 'md5'], {});
  assert.notEqual(fromFlags, 'help');
  assert.deepEqual(fromFlags !== 'help' && fromFlags !== 'version' && [fromFlags.tlsCert, fromFlags.tlsKey, fromFlags.requireTls, fromFlags.authMethod],
    ['c.pem', 'k.pem', true, 'md5']);
  const fromEnv = readConfig([], { THANOSQL_TLS_CERT: 'c', THANOSQL_TLS_KEY: 'k', THANOSQL_AUTH_METHOD: 'password', THANOSQL_REQUIRE_TLS: 'on' });
  assert.deepEqual(fromEnv !== 'help' && fromEnv !== 'version' && [fromEnv.tlsCert, fromEnv.tlsKey, fromEnv.requireTls, fromEnv.authMethod], ['c', 'k', true, 'password']);
  const defaults = readConfig([], {});
  assert.deepEqual(defaults !== 'help' && defaults !== 'version' && [defaults.tlsCert, defaults.requireTls, defaults.authMethod], [undefined, false, 'scram-sha-256']);
});

test('--allow-cleartext-password: flag, environment, default off', () => {
  const flag = readConfig(['--auth-method', 'password', '--allow-cleartext-password'], {});
  const env = readConfig([], { THANOSQL_ALLOW_CLEARTEXT_PASSWORD: 'yes' });
  const none = readConfig(['--auth-method', 'password'], {});
  assert.deepEqual([flag, env, none].map((c) => typeof c === 'object' && c.allowCleartextPassword), [true, true, false]);
});

test('invalid TLS and auth-method settings are refused', () => {
  assert.throws(() => readConfig(['--auth-method', 'trust'], {}), /invalid auth method: trust/);
  assert.throws(() => readConfig(['--tls-cert', 'c.pem'], {}), /must be given together/);
  assert.throws(() => readConfig(['--require-tls'], {}), /needs --tls-cert/);
});

test('--help lists the TLS and auth flags', () => {
  for (const flag of ['--tls-cert', '--tls-key', '--require-tls', '--auth-method', '--password', '--allow-cleartext-password']) {
    assert.ok(HELP.includes(flag), flag);
  }
});
