/**
 * The stream of one replication slot over PostgreSQL's streaming replication protocol
 * (a `replication=database` session, START_REPLICATION … LOGICAL with pgoutput), decoded
 * by pg-logical-replication's pgoutput parser. We speak the protocol's few messages here
 * rather than through the package's service, because the service acknowledges what it
 * *received*, on a timer: redb must acknowledge only what the target *committed*.
 */
import pg from 'pg';
import { PgoutputPlugin, type Pgoutput } from 'pg-logical-replication';
import { RedbError } from '../../src/errors.js';
import type { ChangeArtifacts, ChangeStream, ChangeTableRef, ChangeTransaction, PortableValue, RowChange } from '../types.js';
import { PortableTypes, type TextToPortable } from './changes-values.js';
import { connectErrorFor, driverConnectionString } from './connect.js';
import { lsnToNumber, normalLsn } from './lsn.js';
import { parsePgUrl } from './url.js';

/** Microseconds between 1970-01-01 and PostgreSQL's epoch 2000-01-01. */
const PG_EPOCH_MS = 946_684_800_000;
/** Changes buffered before the socket is paused (bounded memory under a burst). */
const MAX_BUFFERED = 50_000;
/** A transaction is handed on in parts of this many changes: a huge one never sits in memory whole. */
const PART = 5_000;

const lsnOf = (buf: Buffer, at: number) => `${buf.readUInt32BE(at).toString(16).toUpperCase()}/${buf.readUInt32BE(at + 4).toString(16).toUpperCase()}`;

function lsnBytes(lsn: string): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(lsnToNumber(lsn)));
  return b;
}

/** Standby status update: written = flushed = applied = `lsn` (the target has committed it). */
function statusUpdate(lsn: string, replyNow: boolean): Buffer {
  const out = Buffer.alloc(34);
  out[0] = 0x72; // 'r'
  const pos = lsnBytes(lsn);
  pos.copy(out, 1);
  pos.copy(out, 9);
  pos.copy(out, 17);
  out.writeBigInt64BE(BigInt(Date.now() - PG_EPOCH_MS) * 1000n, 25);
  out[33] = replyNow ? 1 : 0;
  return out;
}

interface Relation {
  ref: ChangeTableRef;
  convert: Map<string, TextToPortable>;
}

class PgChangeStream implements ChangeStream {
  private readonly plugin: PgoutputPlugin;
  private readonly relations = new Map<number, Relation>();
  private readonly ready: ChangeTransaction[] = [];
  private open: { changes: RowChange[] } | undefined;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  private acked: string;
  private paused = false;
  private buffered = 0;
  private closed = false;
  sourcePosition: string | undefined;

  constructor(
    private readonly client: pg.Client,
    private readonly types: PortableTypes,
    private readonly publication: string,
    from: string,
  ) {
    this.plugin = new PgoutputPlugin({ protoVersion: 1, publicationNames: [publication] });
    this.acked = from;
  }

  private get connection(): { on(e: string, f: (m: { chunk: Buffer }) => void): void; sendCopyFromChunk(b: Buffer): void; stream: { pause(): void; resume(): void } } {
    return (this.client as unknown as { connection: never }).connection;
  }

  start(slot: string, from: string): void {
    this.connection.on('copyData', ({ chunk }) => {
      try {
        this.onData(chunk);
      } catch (err) {
        this.fail(err as Error);
      }
    });
    this.client.on('error', (err) => this.fail(err));
    // resolves only when the stream ends; an error (slot in use, publication missing) rejects it
    this.client.query(`START_REPLICATION SLOT "${slot}" LOGICAL ${from} (proto_version '1', publication_names '${this.publication}')`).then(
      () => this.fail(new Error('the source ended the replication stream')),
      (err: Error) => this.fail(err),
    );
  }

  private fail(err: Error): void {
    if (this.closed) return;
    this.failure ??= new RedbError('E_REPLICATION', `the change stream stopped: ${err.message}`, 'run the job again: it resumes from its checkpoint');
    this.wake?.();
  }

  private onData(buf: Buffer): void {
    if (buf[0] === 0x6b) {
      // keepalive: the server has read its WAL up to here; answer when it asks
      if (!this.open) this.sourcePosition = lsnOf(buf, 1);
      if (buf[17]) this.connection.sendCopyFromChunk(statusUpdate(this.acked, false));
      this.wake?.();
      return;
    }
    if (buf[0] !== 0x77) return;
    this.onMessage(this.plugin.parse(buf.subarray(25)));
  }

  private onMessage(msg: Pgoutput.Message): void {
    switch (msg.tag) {
      case 'relation': {
        // keep each value's text; it becomes portable by the column's type, not by pg's parsers
        const convert = new Map<string, TextToPortable>();
        for (const col of msg.columns) {
          col.parser = (raw: unknown) => raw;
          convert.set(col.name, this.types.converter(col.typeOid));
        }
        this.relations.set(msg.relationOid, { ref: { schema: msg.schema, name: msg.name }, convert });
        return;
      }
      case 'begin':
        this.open = { changes: [] };
        return;
      case 'insert':
        this.push({ op: 'insert', table: this.ref(msg.relation), row: this.values(msg.relation, msg.new) });
        return;
      case 'update': {
        const old = msg.key ?? msg.old;
        this.push({ op: 'update', table: this.ref(msg.relation), row: this.values(msg.relation, msg.new), ...(old ? { oldKey: this.defined(msg.relation, old) } : {}) });
        return;
      }
      case 'delete':
        this.push({ op: 'delete', table: this.ref(msg.relation), key: this.defined(msg.relation, (msg.key ?? msg.old)!) });
        return;
      case 'truncate':
        this.push({ op: 'truncate', tables: msg.relations.map((r) => this.ref(r)) });
        return;
      case 'commit': {
        const changes = this.open?.changes ?? [];
        this.open = undefined;
        const position = normalLsn(msg.commitEndLsn!);
        this.sourcePosition = position;
        // the parser gives microseconds since 1970
        this.deliver({ position, commitTime: Number((msg.commitTime as bigint) / 1000n), changes });
        return;
      }
      default:
        return;
    }
  }

  /** One change of the open transaction; a full part of it goes on ahead of its commit. */
  private push(change: RowChange): void {
    if (!this.open) return;
    this.open.changes.push(change);
    if (this.open.changes.length >= PART) {
      this.deliver({ position: this.acked, commitTime: 0, changes: this.open.changes, partial: true });
      this.open.changes = [];
    }
  }

  private deliver(tx: ChangeTransaction): void {
    this.ready.push(tx);
    this.buffered += tx.changes.length;
    if (this.buffered >= MAX_BUFFERED && !this.paused) {
      this.paused = true;
      this.connection.stream.pause();
    }
    this.wake?.();
  }

  private ref(rel: Pgoutput.MessageRelation): ChangeTableRef {
    return this.relations.get(rel.relationOid)?.ref ?? { schema: rel.schema, name: rel.name };
  }

  private values(rel: Pgoutput.MessageRelation, tuple: Record<string, unknown>): Record<string, PortableValue | undefined> {
    const convert = this.relations.get(rel.relationOid)!.convert;
    const out: Record<string, PortableValue | undefined> = {};
    for (const col of rel.columns) {
      const v = tuple[col.name];
      out[col.name] = v === undefined || v === null ? (v as null | undefined) : convert.get(col.name)!(String(v));
    }
    return out;
  }

  /** The values of a key (or old row): those sent, unsent ones left out. */
  private defined(rel: Pgoutput.MessageRelation, tuple: Record<string, unknown>): Record<string, PortableValue> {
    const all = this.values(rel, tuple);
    return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as Record<string, PortableValue>;
  }

  async next(waitMs: number): Promise<ChangeTransaction | undefined> {
    if (!this.ready.length && !this.failure) {
      // ask the server where it stands, so an idle stream still learns it is caught up
      this.connection.sendCopyFromChunk(statusUpdate(this.acked, true));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, waitMs);
        const self = this;
        function done() {
          clearTimeout(timer);
          self.wake = undefined;
          resolve();
        }
        this.wake = () => { if (this.ready.length || this.failure) done(); };
      });
    }
    if (this.failure) throw this.failure;
    const tx = this.ready.shift();
    if (tx) this.buffered -= tx.changes.length;
    if (this.paused && this.buffered < MAX_BUFFERED / 2) {
      this.paused = false;
      this.connection.stream.resume();
    }
    return tx;
  }

  async acknowledge(position: string): Promise<void> {
    if (lsnToNumber(position) <= lsnToNumber(this.acked) || this.closed) return;
    this.acked = position;
    this.connection.sendCopyFromChunk(statusUpdate(position, false));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.end().catch(() => {});
  }
}

/** Opens the slot's stream on a session of its own (a replication session runs nothing else). */
export async function openPgChangeStream(url: string, a: ChangeArtifacts, from?: string): Promise<ChangeStream> {
  const target = parsePgUrl(url);
  if (target.kind !== 'server') throw new RedbError('E_UNSUPPORTED', 'an embedded PGlite database has no logical replication', 'replicate from a PostgreSQL server (postgres://…)');
  const client = new pg.Client({
    connectionString: driverConnectionString(target.connectionString),
    replication: 'database',
    application_name: 'redb',
    // the text form of values is then the portable one: ISO dates, UTC instants, exact floats
    options: '-c DateStyle=ISO -c TimeZone=UTC -c IntervalStyle=postgres -c extra_float_digits=3 -c bytea_output=hex',
  } as pg.ClientConfig);
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (err) {
    throw connectErrorFor(err, target);
  }
  try {
    const types = await PortableTypes.load({ query: async (sql: string) => (await client.query(sql)).rows as never });
    // a runner that died a moment ago may still hold the slot until the server notices
    for (let i = 0; i < 50; i++) {
      const r = await client.query(`SELECT active_pid FROM pg_catalog.pg_replication_slots WHERE slot_name = '${a.slot.replace(/'/g, "''")}'`);
      if (!r.rows[0]?.active_pid) break;
      await new Promise((res) => setTimeout(res, 200));
    }
    const stream = new PgChangeStream(client, types, a.publication, from ?? '0/0');
    stream.start(a.slot, from ?? '0/0');
    return stream;
  } catch (err) {
    await client.end().catch(() => {});
    throw err;
  }
}
