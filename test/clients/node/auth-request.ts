/**
 * Which authentication request a server sends first (the `R` message code: 0 ok, 3 cleartext,
 * 5 md5, 10 SASL), read from a raw StartupMessage exchange, so a test can tell that a password
 * connection really used md5 or SCRAM and not a fallback.
 */
import { connect } from 'node:net';

const PROTOCOL_3_0 = 196608;
const AUTH_TIMEOUT_MS = 5000;

export function authRequest(host: string, port: number, user: string, database: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const params = Buffer.from(`user\0${user}\0database\0${database}\0\0`);
    const startup = Buffer.alloc(8 + params.length);
    startup.writeInt32BE(startup.length, 0);
    startup.writeInt32BE(PROTOCOL_3_0, 4);
    params.copy(startup, 8);
    const socket = connect(port, host, () => socket.write(startup));
    let data = Buffer.alloc(0);
    const timer = setTimeout(() => (socket.destroy(), reject(new Error('no authentication request'))), AUTH_TIMEOUT_MS);
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      if (data.length < 9) return;
      clearTimeout(timer);
      socket.destroy();
      if (data[0] !== 'R'.charCodeAt(0)) reject(new Error(`first message is '${String.fromCharCode(data[0]!)}', not R`));
      else resolve(data.readInt32BE(5));
    });
    socket.on('error', (err) => (clearTimeout(timer), reject(err)));
  });
}
