// Where a profile's bytes come from: a file, or an http(s) URL the user gives (fetched once, with a
// timeout). A URL must name this machine unless remote fetching is allowed: a heap profile names
// every function and file of a program, and fetching one from elsewhere is the user's explicit call.
import * as dns from 'dns/promises';
import * as fs from 'fs';
import * as net from 'net';
import { ProfileError } from './decode';

export interface LoadOptions {
  /** Fetch from a host that is not loopback (--allow-remote, goMapleak.profile.allowRemote). */
  allowRemote?: boolean;
  /** Milliseconds for the whole fetch (default 30 s: /debug/pprof/heap?gc=1 runs a GC first). */
  timeoutMs?: number;
  /** A cap on the bytes read (a profile of a large program is a few MB; default 512 MiB). */
  maxBytes?: number;
}

export interface LoadedBytes {
  bytes: Uint8Array;
  /** The file name or URL as fetched (with ?gc=1 when it was added). */
  source: string;
}

const MAX_BYTES = 512 * 1024 * 1024;

export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

export async function loadProfileBytes(source: string, opts: LoadOptions = {}): Promise<LoadedBytes> {
  if (isUrl(source)) return fetchProfile(source, opts);
  let st: fs.Stats;
  try {
    st = fs.statSync(source);
  } catch (err) {
    throw new ProfileError(`cannot read ${source}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  // A FIFO or a device would block or never end: only regular files.
  if (!st.isFile()) throw new ProfileError(`${source} is not a regular file`);
  const max = opts.maxBytes ?? MAX_BYTES;
  if (st.size > max) throw new ProfileError(`${source} is ${st.size} bytes, over the ${max}-byte limit for a profile`);
  return { bytes: fs.readFileSync(source), source };
}

/** `?gc=1` on a heap URL without a query: in-use figures are as of the last GC, so run one first. */
export function profileUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ProfileError(`not a URL: ${raw}`);
  }
  if (!url.search && /\/heap\/?$/.test(url.pathname)) url.search = '?gc=1';
  return url;
}

async function isLoopback(host: string): Promise<boolean> {
  const h = host.replace(/^\[|\]$/g, '');
  const loop = (a: string) => (net.isIPv4(a) ? a.startsWith('127.') : a === '::1' || a.startsWith('::ffff:127.'));
  if (net.isIP(h)) return loop(h);
  try {
    const addrs = await dns.lookup(h, { all: true });
    return addrs.length > 0 && addrs.every((a) => loop(a.address));
  } catch {
    return false;
  }
}

async function fetchProfile(raw: string, opts: LoadOptions): Promise<LoadedBytes> {
  const url = profileUrl(raw);
  if (!opts.allowRemote && !(await isLoopback(url.hostname))) {
    throw new ProfileError(`${url.host} is not this machine: fetching a profile from another host needs --allow-remote (goMapleak.profile.allowRemote in the editor)`);
  }
  const timeoutMs = opts.timeoutMs ?? 30_000;
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError') throw new ProfileError(`${url.href}: no answer within ${timeoutMs / 1000} s`);
    throw new ProfileError(`cannot fetch ${url.href}: ${e.cause?.code ?? e.cause?.message ?? e.message}`);
  }
  if (!res.ok) {
    const body = (await res.text().catch(() => '')).trim().split('\n')[0]?.slice(0, 120);
    throw new ProfileError(`${url.href}: HTTP ${res.status} ${res.statusText}${body ? ` (${body})` : ''}`);
  }
  const buf = new Uint8Array(await res.arrayBuffer());
  const max = opts.maxBytes ?? MAX_BYTES;
  if (buf.length > max) throw new ProfileError(`${url.href} sent ${buf.length} bytes, over the ${max}-byte limit for a profile`);
  return { bytes: buf, source: url.href };
}
