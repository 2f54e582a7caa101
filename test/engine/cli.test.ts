import { describe, expect, it } from 'vitest';
import { runCalibrateCommand } from '../../src/cli/bench-command.js';
import { runLatticeCommand, type CommandIo } from '../../src/cli/lattice-command.js';

function capture(): CommandIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s), isTTY: false },
    out: () => out,
    err: () => err,
  };
}

interface RunJson {
  operation: string;
  backend: string;
  gpu_used: boolean;
  fallback_reason?: string;
  lattice: { vertices: number };
  result: Record<string, unknown>;
}

async function lattice(args: string): Promise<{ code: number; json: RunJson; err: string }> {
  const io = capture();
  const code = await runLatticeCommand(
    args.split(' ').filter((s) => s !== ''),
    io,
  );
  return { code, json: code === 0 ? (JSON.parse(io.out()) as RunJson) : ({} as RunJson), err: io.err() };
}

describe('catalytic lattice', () => {
  const ops: Array<[string, string]> = [
    ['path', '--shape 100,100,100 --from 0,0,0 --to 99,99,99'],
    ['distances', '--shape 20,20 --obstacles density:0.2,seed:7 --from 0,0 --from 19,19 --backend cpu'],
    ['neighbors', '--shape 10,10,10 --from 5,5,5 --radius 2 --limit 3'],
    ['components', '--shape 30,30 --obstacles density:0.4,seed:1'],
    ['centrality', '--shape 6,6 --measure closeness --top-k 3'],
    ['analyze', '--shape 8,8 --boundary periodic'],
    ['partition', '--shape 16,16 --parts 4'],
    ['spectrum', '--shape 10,10 --k 4'],
    ['diffusion', '--shape 12,12 --steps 5 --snapshot-every 2'],
    ['random-walk', '--shape 15,15 --walkers 50 --steps 30 --seed 3'],
    ['transform', '--shape 8,8 --type rotate --axes 0,1 --turns 1'],
  ];

  it.each(ops)('%s prints the run as JSON', async (op, flags) => {
    const { code, json, err } = await lattice(`${op} ${flags}`);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(json).toMatchObject({ operation: op, backend: expect.any(String), gpu_used: false, estimate: { work: expect.any(Number) } });
    expect(json.result).toBeTypeOf('object');
  });

  it('answers a corner-to-corner path on a 100³ lattice in closed form', async () => {
    const { json } = await lattice('path --shape 100,100,100 --from 0,0,0 --to 99,99,99 --json');
    expect(json.result).toMatchObject({ distance: 297, hops: 297, reachable: true });
    expect(json.lattice.vertices).toBe(1_000_000);
  });

  it('summarises typed arrays instead of dumping them', async () => {
    const io = capture();
    await runLatticeCommand(['distances', '--shape', '300,300', '--from', '0,0', '--json'], io);
    const json = JSON.parse(io.out());
    expect(json.result.distances).toMatchObject({ type: 'Int32Array', length: 90_000, min: 0, max: 598 });
    expect(json.result.distances.head).toHaveLength(8);
    expect(io.out().length).toBeLessThan(5000);
    expect(io.out().trim().split('\n')).toHaveLength(1);
  });

  it('runs distances in catalytic mode on the lattice field and shows the tape handed back', async () => {
    const { code, json, err } = await lattice('distances --shape 60,50 --obstacles density:0.1,seed:2 --from 0,0 --catalytic --json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const plain = await lattice('distances --shape 60,50 --obstacles density:0.1,seed:2 --from 0,0 --json');
    const { method: _method, catalytic: report, distances: field, ...summary } = json.result as Record<string, unknown>;
    const { method: _plainMethod, distances: plainField, ...plainSummary } = plain.json.result as Record<string, unknown>;
    expect(summary).toEqual(plainSummary);
    expect(field).toEqual(plainField);
    expect(json.result.method).toBe('catalytic_bfs');
    expect(json.backend).toBe('cpu');
    expect(report).toMatchObject({ tape_bytes: 8 * 3000, clean_bytes: expect.any(Number), restored: true });
    const r = report as { checksum_before: string; checksum_after: string; clean_bytes: number; normal_clean_bytes: number };
    expect(r.checksum_after).toBe(r.checksum_before);
    expect(r.clean_bytes).toBeLessThan(r.normal_clean_bytes);
    const refused = await lattice('components --shape 10,10 --catalytic');
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/--catalytic applies to distances only/);
  });

  it('reports a GPU request on a machine without one as a CPU run with a reason', async () => {
    const { json } = await lattice('diffusion --shape 6,6 --steps 2 --backend gpu');
    if (json.gpu_used === false) expect(json.fallback_reason).toMatch(/adapter|WebGPU/);
    else expect(json.backend).toBe('gpu');
  });

  it.each([
    ['path --shape 10,10 --from 0,0 --to 10,0', /coordinate 0 must be an integer in \[0, 10\)/],
    ['path --shape 10,10 --from 0,0', /path needs --to/],
    ['path --from 0,0 --to 1,1', /needs --shape/],
    ['neighbors --shape 1,10 --from 0,0 --radius 1', /every side must be an integer ≥ 2/],
    ['diffusion --shape 10,10 --steps 3 --dt 5', /unstable/],
    ['transform --shape 10,10 --type twist', /xor, rotate, scale, normalize/],
    ['teleport --shape 10,10', /unknown operation "teleport"/],
    ['path --shape 10,x', /--shape must be a number/],
    ['path --shape 10,10 --colour red', /Unknown option '--colour'/],
    ['components --shape 10,10 --obstacles density:0.1,color:3', /--obstacles takes density:X,seed:N/],
    ['centrality --shape 100,100 --budget 10', /budget is 10/],
  ])('exits 2 with a clear message: %s', async (args, message) => {
    const { code, err } = await lattice(args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it('prints usage for --help (0) and for no operation (2)', async () => {
    const help = capture();
    expect(await runLatticeCommand(['--help'], help)).toBe(0);
    expect(help.out()).toMatch(/Usage: catalytic lattice <operation>/);
    const none = capture();
    expect(await runLatticeCommand([], none)).toBe(2);
    expect(none.err()).toMatch(/Operations: path, distances/);
  });
});

describe('catalytic bench calibrate', () => {
  it('documents itself and rejects bad flags', async () => {
    const help = capture();
    expect(await runCalibrateCommand(['--help'], help)).toBe(0);
    expect(help.out()).toMatch(/\.catalytic\/calibration\.json/);
    const bad = capture();
    expect(await runCalibrateCommand(['--repeats', '0'], bad)).toBe(2);
    expect(await runCalibrateCommand(['--fast'], bad)).toBe(2);
  });
});
