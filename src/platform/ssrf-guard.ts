import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * The guard against server-side request forgery for outgoing webhook calls:
 * a target's every address must be public. Refused: loopback, private
 * (10/8, 172.16/12, 192.168/16), CGNAT (100.64/10), link-local (169.254/16,
 * cloud metadata included), multicast, unspecified and reserved ranges, the
 * IPv6 loopback, unspecified, ULA (fc00::/7), link-local (fe80::/10) and
 * multicast ranges, and the IPv4-mapped, -compatible and NAT64 forms of the
 * IPv4 ranges. Loopback is allowed only when configured
 * (WEBHOOK_ALLOW_LOOPBACK=true, for development and tests).
 *
 * `guardedLookup` is a `lookup` for `http.request`: the address it checks is
 * the address the socket connects to, so no second resolution can swap in a
 * private address (no DNS-rebinding window).
 */

export interface SsrfPolicy {
  allowLoopback: boolean;
}

interface Range {
  net: string;
  prefix: number;
  reason: string;
}

const V4: Range[] = [
  { net: '127.0.0.0', prefix: 8, reason: 'loopback' },
  { net: '10.0.0.0', prefix: 8, reason: 'private (10.0.0.0/8)' },
  { net: '172.16.0.0', prefix: 12, reason: 'private (172.16.0.0/12)' },
  { net: '192.168.0.0', prefix: 16, reason: 'private (192.168.0.0/16)' },
  { net: '100.64.0.0', prefix: 10, reason: 'carrier-grade NAT (100.64.0.0/10)' },
  { net: '169.254.0.0', prefix: 16, reason: 'link-local (169.254.0.0/16)' },
  { net: '0.0.0.0', prefix: 8, reason: 'unspecified (0.0.0.0/8)' },
  { net: '224.0.0.0', prefix: 4, reason: 'multicast (224.0.0.0/4)' },
  { net: '240.0.0.0', prefix: 4, reason: 'reserved (240.0.0.0/4)' },
  { net: '192.0.0.0', prefix: 24, reason: 'IETF protocol assignments (192.0.0.0/24)' },
  { net: '198.18.0.0', prefix: 15, reason: 'benchmarking (198.18.0.0/15)' },
];

const V6: Range[] = [
  { net: '::1', prefix: 128, reason: 'loopback' },
  { net: '::', prefix: 128, reason: 'unspecified (::)' },
  { net: 'fc00::', prefix: 7, reason: 'unique local (fc00::/7)' },
  { net: 'fe80::', prefix: 10, reason: 'link-local (fe80::/10)' },
  { net: 'fec0::', prefix: 10, reason: 'site-local (fec0::/10)' },
  { net: 'ff00::', prefix: 8, reason: 'multicast (ff00::/8)' },
];

function blockList(ranges: Range[], type: 'ipv4' | 'ipv6'): { list: BlockList; reasons: [BlockList, string][] } {
  const list = new BlockList();
  const reasons: [BlockList, string][] = [];
  for (const r of ranges) {
    list.addSubnet(r.net, r.prefix, type);
    const one = new BlockList();
    one.addSubnet(r.net, r.prefix, type);
    reasons.push([one, r.reason]);
  }
  return { list, reasons };
}

const v4 = blockList(V4, 'ipv4');
const v6 = blockList(V6, 'ipv6');

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), -compatible (::a.b.c.d) or NAT64 (64:ff9b::/96) IPv6 address. */
function embeddedV4(address: string): string | null {
  const words = expandV6(address);
  if (!words) return null;
  const high = words.slice(0, 6);
  const zeros = (n: number) => high.slice(0, n).every((w) => w === 0);
  const mapped = zeros(5) && high[5] === 0xffff;
  const compatible = zeros(6) && (words[6] !== 0 || words[7] > 1);
  const nat64 = high[0] === 0x64 && high[1] === 0xff9b && high.slice(2).every((w) => w === 0);
  if (!mapped && !compatible && !nat64) return null;
  return [words[6] >> 8, words[6] & 0xff, words[7] >> 8, words[7] & 0xff].join('.');
}

/** The eight 16-bit words of an IPv6 address (with an optional dotted IPv4 tail), or null. */
function expandV6(address: string): number[] | null {
  let text = address.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const b = dotted[1].split('.').map(Number);
    text = text.slice(0, -dotted[1].length) + `${((b[0] << 8) | b[1]).toString(16)}:${((b[2] << 8) | b[3]).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const parse = (s: string | undefined) => (s ? s.split(':').map((w) => parseInt(w, 16)) : []);
  const h = parse(head);
  const t = parse(tail);
  const words = tail === undefined ? h : [...h, ...new Array(8 - h.length - t.length).fill(0), ...t];
  return words.length === 8 && words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? words : null;
}

/** Why `address` (an IP literal) may not be called, or null when it may. */
export function addressProblem(address: string, policy: SsrfPolicy): string | null {
  const family = isIP(address);
  if (family === 0) return 'not an IP address';
  if (family === 6) {
    const inner = embeddedV4(address);
    if (inner !== null) {
      const problem = addressProblem(inner, policy);
      return problem === null ? null : `${problem}, in IPv6 form`;
    }
  }
  const { list, reasons } = family === 4 ? v4 : v6;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (!list.check(address, type)) return null;
  const reason = reasons.find(([one]) => one.check(address, type))?.[1] ?? 'not public';
  if (reason === 'loopback' && policy.allowLoopback) return null;
  return reason === 'loopback' ? 'loopback (set WEBHOOK_ALLOW_LOOPBACK=true to allow it)' : reason;
}

/** Thrown when a target may not be called; `reason` says why in a sentence a caller can act on. */
export class SsrfRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'SsrfRefused';
  }
}

function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses)));
  });
}

/** The host of a URL as the resolver takes it (IPv6 literals lose their brackets). */
export function urlHost(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/**
 * Resolves `host` and checks every address; throws SsrfRefused naming the
 * first refused address and why, or when the name does not resolve. Returns
 * the addresses, all allowed.
 */
export async function checkHost(host: string, policy: SsrfPolicy): Promise<LookupAddress[]> {
  const literal = isIP(host);
  let addresses: LookupAddress[];
  if (literal !== 0) addresses = [{ address: host, family: literal }];
  else {
    try {
      addresses = await resolveAll(host);
    } catch {
      throw new SsrfRefused(`the host ${host} does not resolve`);
    }
  }
  if (addresses.length === 0) throw new SsrfRefused(`the host ${host} does not resolve`);
  for (const a of addresses) {
    const problem = addressProblem(a.address, policy);
    if (problem !== null) {
      throw new SsrfRefused(literal !== 0 ? `${host} is ${problem}` : `${host} resolves to ${a.address}, which is ${problem}`);
    }
  }
  return addresses;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for http.request/net.connect that connects only to a checked address. */
export function guardedLookup(policy: SsrfPolicy) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    checkHost(hostname, policy).then(
      (addresses) => {
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      },
      (err: Error) => callback(Object.assign(err, { code: 'ESSRF' }) as NodeJS.ErrnoException, options.all ? [] : '', 4),
    );
  };
}
