// Every web process on PostgreSQL listens for the changes other processes commit (#16 point 4):
// a transaction that changes public data sends NOTIFY on CHANGE_CHANNEL before it commits
// (data-version.ts), and this connection moves the process's own data version when one arrives,
// so each process drops its public page cache within milliseconds of a change anywhere. While the
// connection is down the cache is bypassed (`seesOthers`); on reconnecting the version moves once
// more, for whatever was missed.
import pg from 'pg';
import { CHANGE_CHANNEL, type DataVersion } from './data-version.ts';

export interface ChangeListener {
  close(): Promise<void>;
}

export async function listenForChanges(
  databaseUrl: string,
  version: DataVersion,
  log: { warn(msg: string): void },
  retryMs = 1000,
): Promise<ChangeListener> {
  let client: pg.Client | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  const down = (why: string) => {
    if (closed || !client) return;
    client.removeAllListeners();
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    client = undefined;
    version.seesOthers = false;
    log.warn(`PostgreSQL change listener lost (${why}); the public page cache is off until it is back`);
    timer = setTimeout(() => void connect(), retryMs);
  };

  const connect = async (): Promise<void> => {
    if (closed) return;
    const c = new pg.Client({ connectionString: databaseUrl });
    client = c;
    c.on('error', (err) => down(err.message));
    c.on('end', () => down('connection ended'));
    c.on('notification', (msg) => {
      if (msg.channel === CHANGE_CHANNEL && msg.payload !== version.origin) version.bump();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANGE_CHANNEL}`);
      version.bump();
      version.seesOthers = true;
    } catch (err) {
      down(err instanceof Error ? err.message : String(err));
    }
  };

  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      const c = client;
      client = undefined;
      if (c) {
        c.removeAllListeners();
        c.on('error', () => undefined);
        await c.end().catch(() => undefined);
      }
    },
  };
}
