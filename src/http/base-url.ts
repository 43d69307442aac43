/**
 * The base URL PRINT IMAGE puts in `image_url` and gallery links: the listen host and the
 * bound port. A wildcard listen address is no address a browser can use, so the machine's
 * host name stands in for it; IPv6 literals get brackets.
 */
import { hostname } from 'node:os';

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

/**
 * @example
 * httpBaseUrl('127.0.0.1', 5434) // 'http://127.0.0.1:5434'
 * httpBaseUrl('::1', 5434)       // 'http://[::1]:5434'
 */
export function httpBaseUrl(host: string, port: number): string {
  const name = WILDCARD_HOSTS.has(host) ? hostname() : host;
  return `http://${name.includes(':') ? `[${name}]` : name}:${port}`;
}
