/**
 * Summarises a V8 .cpuprofile (node --cpu-prof): where the busy time went, by
 * function (self), by package or source file (self), and inclusive time of
 * the project's own functions and of the libraries they call.
 *
 *   node --import tsx bench/http/profile-summary.ts FILE.cpuprofile [--top 30] [--from MS] [--to MS]
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Entry {
  key: string;
  ms: number;
}

/** A span of the profile, in ms since it started. */
export interface Window {
  from: number;
  to: number;
}

export interface ProfileSummary {
  file: string;
  /** The spans summarised; empty means the whole profile. */
  windows: Window[];
  wall_ms: number;
  idle_ms: number;
  busy_ms: number;
  gc_ms: number;
  selfByFunction: Entry[];
  selfByModule: Entry[];
  inclusiveByModule: Entry[];
  inclusiveProjectFunctions: Entry[];
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

/** "fastify", "@fastify/ajv-compiler", "src/http/plugins/authentication.ts", "node:internal/streams", "(native)". */
function moduleOf(url: string): string {
  if (url === '') return '(native)';
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  const nm = file.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = file.slice(nm + '/node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  return path.relative(ROOT, file);
}

function functionKey(f: CallFrame): string {
  const name = f.functionName || '(anonymous)';
  if (f.url === '') return name;
  return `${name} ${moduleOf(f.url)}:${f.lineNumber + 1}`;
}

const isProject = (f: CallFrame) => f.url.startsWith('file://') && !f.url.includes('/node_modules/') && moduleOf(f.url).startsWith('src/');

function sorted(map: Map<string, number>): Entry[] {
  return [...map.entries()].map(([key, ms]) => ({ key, ms })).sort((a, b) => b.ms - a.ms);
}

/** Summarises the samples of `file` taken inside `windows` (all of them when none are given). */
export async function summariseProfile(file: string, windows: Window[] = []): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  // Sample i lasts until sample i + 1 is taken; the last one gets the mean interval.
  const count = profile.samples.length;
  const mean = count > 0 ? (profile.endTime - profile.startTime) / count : 0;
  const durationUs = (i: number) => (i + 1 < count ? profile.timeDeltas[i + 1] : mean);

  const selfFn = new Map<string, number>();
  const selfMod = new Map<string, number>();
  const inclMod = new Map<string, number>();
  const inclProject = new Map<string, number>();
  let idle = 0;
  let gc = 0;
  let total = 0;
  let atUs = 0;
  for (let i = 0; i < count; i++) {
    atUs += profile.timeDeltas[i];
    const at = atUs / 1000;
    if (windows.length > 0 && !windows.some((w) => at >= w.from && at < w.to)) continue;
    const ms = durationUs(i) / 1000;
    total += ms;
    const leaf = byId.get(profile.samples[i])!;
    const name = leaf.callFrame.functionName;
    if (name === '(idle)') {
      idle += ms;
      continue;
    }
    if (name === '(garbage collector)') gc += ms;
    const fk = functionKey(leaf.callFrame);
    selfFn.set(fk, (selfFn.get(fk) ?? 0) + ms);
    const mk = SPECIAL.has(name) ? name : moduleOf(leaf.callFrame.url);
    selfMod.set(mk, (selfMod.get(mk) ?? 0) + ms);
    // Inclusive: each module and project function once per sample, however deep the recursion.
    const seenMod = new Set<string>();
    const seenFn = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      if (SPECIAL.has(f.functionName)) continue;
      seenMod.add(moduleOf(f.url));
      if (isProject(f)) seenFn.add(functionKey(f));
    }
    for (const m of seenMod) inclMod.set(m, (inclMod.get(m) ?? 0) + ms);
    for (const f of seenFn) inclProject.set(f, (inclProject.get(f) ?? 0) + ms);
  }
  return {
    file,
    windows,
    wall_ms: total,
    idle_ms: idle,
    busy_ms: total - idle,
    gc_ms: gc,
    selfByFunction: sorted(selfFn),
    selfByModule: sorted(selfMod),
    inclusiveByModule: sorted(inclMod),
    inclusiveProjectFunctions: sorted(inclProject),
  };
}

export function formatSummary(s: ProfileSummary, top: number): string {
  const pct = (ms: number) => `${((100 * ms) / s.busy_ms).toFixed(1).padStart(5)}%`;
  const rows = (entries: Entry[]) => entries.slice(0, top).map((e) => `  ${pct(e.ms)} ${e.ms.toFixed(0).padStart(7)} ms  ${e.key}`);
  const spans =
    s.windows.length === 0
      ? 'whole profile'
      : s.windows.map((w) => `${(w.from / 1000).toFixed(1)}–${(w.to / 1000).toFixed(1)} s`).join(', ');
  return [
    `${path.relative(ROOT, s.file)} (${spans}): wall ${(s.wall_ms / 1000).toFixed(1)} s, idle ${(s.idle_ms / 1000).toFixed(1)} s, busy ${(s.busy_ms / 1000).toFixed(1)} s (GC ${pct(s.gc_ms).trim()} of busy). Percentages are of busy time.`,
    '',
    `Self time by function (top ${top}):`,
    ...rows(s.selfByFunction),
    '',
    'Self time by package / source file:',
    ...rows(s.selfByModule),
    '',
    'Inclusive time by package / source file (a frame anywhere on the stack):',
    ...rows(s.inclusiveByModule),
    '',
    'Inclusive time of project functions (src/):',
    ...rows(s.inclusiveProjectFunctions),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string', default: '30' }, from: { type: 'string' }, to: { type: 'string' } },
  });
  if (positionals.length === 0) {
    process.stderr.write('usage: node --import tsx bench/http/profile-summary.ts FILE.cpuprofile [--top 30] [--from MS] [--to MS]\n');
    process.exit(2);
  }
  const windows = values.from || values.to ? [{ from: Number(values.from ?? 0), to: Number(values.to ?? Infinity) }] : [];
  for (const file of positionals) process.stdout.write(`${formatSummary(await summariseProfile(file, windows), Number(values.top))}\n\n`);
}
