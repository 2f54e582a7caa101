import { useEffect, useMemo, useState } from 'preact/hooks';
import type { LatticeDefinition } from '../../../../src/engine/lattice';
import { Chart } from '../../components/chart';
import { Field } from '../../components/field';
import { formatNumber } from '../../format';
import { replayDiffusion } from '../../lattice-view/replay';
import { REPLAY_MAX_FRAMES, REPLAY_MAX_VERTICES, type DiffusionReplayParams } from '../../lattice-view/replay-messages';
import type { OperationAnswers } from '../run-operation';
import type { ShowOnMap } from './map-request';
import { EnvelopeLine, SummaryList } from './summary-list';

type Frames = { frames: Float32Array[]; steps: number[]; ranges: { min: number; max: number }[]; agrees: boolean };

/** Relative agreement of the browser's replay with the server's statistics (the GPU computes in 32 bits). */
const agree = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * The server reports statistics per snapshot; the frames are replayed in the
 * browser by the engine's own diffusion code from the same start, and the
 * replay's final statistics are checked against the server's.
 */
export function DiffusionResult({
  answer,
  request,
  definition,
  vertices,
  defaultField,
  onMap,
}: {
  answer: OperationAnswers['diffusion'];
  request: Record<string, unknown>;
  definition: LatticeDefinition;
  vertices: number;
  /** The lattice still has its default value field (never transformed), which the browser can rebuild. */
  defaultField: boolean;
  onMap: ShowOnMap;
}) {
  const [frames, setFrames] = useState<Frames | null>(null);
  const [frame, setFrame] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const initial = (request.initial as 'field' | 'zero' | undefined) ?? 'field';
  const replayable = vertices <= REPLAY_MAX_VERTICES && (initial === 'zero' || defaultField);

  useEffect(() => {
    if (!replayable) return;
    let live = true;
    const params: DiffusionReplayParams = {
      steps: answer.steps,
      dt: answer.dt,
      diffusivity: answer.diffusivity,
      initial,
      sources: request.sources as DiffusionReplayParams['sources'],
    };
    replayDiffusion(definition, params, REPLAY_MAX_FRAMES)
      .then((r) => {
        if (!live) return;
        const f = answer.final;
        const agrees = agree(r.final.mass, f.mass) && agree(r.final.min, f.min) && agree(r.final.max, f.max);
        setFrames({ frames: r.frames, steps: r.steps, ranges: r.ranges, agrees });
        setFrame(r.frames.length - 1);
      })
      .catch((err: Error) => live && setFailure(err.message));
    return () => {
      live = false;
    };
  }, [answer]);

  useEffect(() => {
    // Each frame spans its own range: heat spreads out, and one scale for all frames would leave the late ones dark.
    if (frames) onMap({ layer: { kind: 'diffusion', values: frames.frames[frame], ...frames.ranges[frame] }, marks: null });
  }, [frames, frame]);

  const snaps = answer.snapshots;
  const x = useMemo(() => snaps.map((s) => s.step), [answer]);
  const series = useMemo(
    () => [
      { label: 'max', values: snaps.map((s) => s.max) },
      { label: 'mean', values: snaps.map((s) => s.mean) },
      { label: 'min', values: snaps.map((s) => s.min) },
    ],
    [answer],
  );
  return (
    <div data-result="diffusion">
      <EnvelopeLine envelope={answer} />
      <SummaryList
        items={[
          ['Steps', answer.steps],
          ['Time step', answer.dt],
          ['Stability number', answer.stability_number],
          ['Mass before → after', `${formatNumber(answer.initial.mass)} → ${formatNumber(answer.final.mass)}`],
          ['Max before → after', `${formatNumber(answer.initial.max)} → ${formatNumber(answer.final.max)}`],
        ]}
      />
      {frames && (
        <div class="frames" data-frames={frames.frames.length} data-replay-agrees={String(frames.agrees)}>
          <Field label={`Frame: step ${frames.steps[frame]} of ${answer.steps}`}>
            {({ id }) => (
              <input
                id={id}
                type="range"
                min={0}
                max={frames.frames.length - 1}
                value={frame}
                onInput={(e) => setFrame(Number(e.currentTarget.value))}
              />
            )}
          </Field>
          <p class="muted">
            Frames replayed in your browser by the engine's diffusion code;{' '}
            {frames.agrees
              ? 'its final statistics match the server’s.'
              : 'its final statistics differ from the server’s (a GPU run computes in 32-bit floats).'}
          </p>
        </div>
      )}
      {!replayable && (
        <p class="muted">
          {vertices > REPLAY_MAX_VERTICES
            ? 'Too many vertices to replay the frames in the browser.'
            : 'Frames need a known starting field: start from zero, or from a field never transformed.'}
        </p>
      )}
      {failure && <p class="notice notice-error">Replay failed: {failure}</p>}
      {snaps.length > 1 && (
        <Chart
          title="Field statistics per snapshot"
          xLabel="step"
          yLabel="value"
          x={x}
          series={series}
          summary={`Minimum, mean and maximum of the field at ${snaps.length} snapshots.`}
        />
      )}
    </div>
  );
}
