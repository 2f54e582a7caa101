import { useEffect, useMemo } from 'preact/hooks';
import { Chart } from '../../components/chart';
import type { OperationAnswers, Envelope } from '../run-operation';
import { summariseField } from './distance-histogram';
import type { ShowOnMap } from './map-request';
import { EnvelopeLine, SummaryList } from './summary-list';

const MAX_BARS = 2000;

function Histogram({ histogram }: { histogram: number[] }) {
  const shown = histogram.slice(0, MAX_BARS);
  const x = useMemo(() => shown.map((_, i) => i), [histogram]);
  const series = useMemo(() => [{ label: 'vertices', values: shown, style: 'bars' as const }], [histogram]);
  const peak = shown.reduce((best, v, i) => (v > shown[best] ? i : best), 0);
  return (
    <Chart
      title="Distance histogram"
      xLabel="distance (hops)"
      yLabel="vertices"
      x={x}
      series={series}
      summary={`Histogram of ${shown.length} distances; the most common distance is ${peak} with ${shown[peak] ?? 0} vertices.`}
    />
  );
}

/** The binary field: heat map on the lattice map, histogram computed from the field itself. */
export function DistanceFieldResult({ field, envelope, onMap }: { field: Int32Array; envelope: Envelope; onMap: ShowOnMap }) {
  const s = useMemo(() => summariseField(field), [field]);
  useEffect(() => onMap({ layer: { kind: 'distances', field, max: s.max }, marks: null }), [field]);
  return (
    <div data-result="distances">
      <EnvelopeLine envelope={envelope} />
      <SummaryList
        items={[
          ['Reached', s.reached],
          ['Obstacles or unreached', s.notReached],
          ['Largest distance', s.max],
          ['Mean distance', s.mean],
        ]}
      />
      <Histogram histogram={s.histogram} />
    </div>
  );
}

/** The JSON summary (from a job, or a lattice too large to download the field). */
export function DistancesSummaryResult({ answer }: { answer: OperationAnswers['distances'] }) {
  return (
    <div data-result="distances">
      <EnvelopeLine envelope={answer} />
      <SummaryList
        items={[
          ['Reached', answer.reached],
          ['Unreached', answer.unreached],
          ['Obstacles', answer.blocked],
          ['Largest distance', answer.max_distance],
          ['Mean distance', answer.mean_distance],
          ['Method', answer.method],
        ]}
      />
      <p class="muted">
        The heat map needs the field itself, which is downloaded for runs answered at once on lattices of up to 4 million vertices.
      </p>
      <Histogram histogram={answer.histogram} />
    </div>
  );
}
