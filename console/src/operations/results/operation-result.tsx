import { useEffect, useMemo } from 'preact/hooks';
import type { LatticeDefinition } from '../../../../src/engine/lattice';
import { Chart } from '../../components/chart';
import { formatBytes, formatNumber } from '../../format';
import type { OperationAnswers, OperationResult } from '../run-operation';
import { ComponentsResult } from './components-result';
import { DiffusionResult } from './diffusion-result';
import { DistancesSummaryResult } from './distances-result';
import type { ShowOnMap } from './map-request';
import { EnvelopeLine, SummaryList } from './summary-list';

export interface ResultContext {
  definition: LatticeDefinition;
  vertices: number;
  defaultField: boolean;
  onMap: ShowOnMap;
}

function PathResult({ answer, onMap }: { answer: OperationAnswers['path']; onMap: ShowOnMap }) {
  useEffect(() => onMap({ marks: answer.path ? { kind: 'path', label: 'path vertices', vertices: answer.path } : null }), [answer]);
  return (
    <div data-result="path">
      <EnvelopeLine envelope={answer} />
      {answer.reachable ? (
        <SummaryList
          items={[
            ['Hops', answer.hops ?? '—'],
            ['Distance', answer.distance ?? '—'],
            ['Algorithm', answer.algorithm],
            ['Vertices searched', answer.visited],
            ['Path listed', answer.path_truncated ? `first ${answer.path?.length} vertices` : 'complete'],
          ]}
        />
      ) : (
        <p role="status">No path: obstacles cut the end off from the start.</p>
      )}
    </div>
  );
}

function NeighborsResult({ answer, onMap }: { answer: OperationAnswers['neighbors']; onMap: ShowOnMap }) {
  useEffect(() => onMap({ marks: { kind: 'neighbors', label: 'neighbourhood vertices', vertices: answer.vertices } }), [answer]);
  return (
    <div data-result="neighbors">
      <EnvelopeLine envelope={answer} />
      <SummaryList
        items={[
          ['Within radius', answer.count],
          ['Listed', `${answer.vertices.length}${answer.truncated ? ' (limited)' : ''}`],
          ['Method', answer.method],
        ]}
      />
    </div>
  );
}

function CentralityResult({ answer, onMap }: { answer: OperationAnswers['centrality']; onMap: ShowOnMap }) {
  useEffect(() => onMap({ marks: { kind: 'centrality', label: 'top vertices', vertices: answer.top.map((t) => t.vertex) } }), [answer]);
  const x = useMemo(() => answer.top.map((_, i) => i + 1), [answer]);
  const series = useMemo(() => [{ label: answer.measure, values: answer.top.map((t) => t.value), style: 'points' as const }], [answer]);
  return (
    <div data-result="centrality">
      <EnvelopeLine envelope={answer} />
      <SummaryList
        items={[
          ['Measure', answer.measure],
          [
            'Exact',
            answer.exact
              ? 'yes'
              : `no: sampled from ${answer.sources_run} sources, standard error ≤ ${formatNumber(answer.error_estimate)}`,
          ],
          ['Minimum', answer.stats.min],
          ['Mean', answer.stats.mean],
          ['Maximum', answer.stats.max],
        ]}
      />
      {answer.top.length > 0 && (
        <Chart
          title={`Distribution of the top ${answer.top.length} ${answer.measure} values`}
          xLabel="rank"
          yLabel={answer.measure}
          x={x}
          series={series}
          summary={`${answer.measure} of the ${answer.top.length} highest-ranked vertices, from ${formatNumber(answer.top[0].value)} down to ${formatNumber(answer.top[answer.top.length - 1].value)}.`}
        />
      )}
    </div>
  );
}

function AnalyzeResult({ answer }: { answer: OperationAnswers['analyze'] }) {
  return (
    <div data-result="analyze">
      <EnvelopeLine envelope={answer} />
      <SummaryList
        items={[
          ['Vertices', answer.vertices],
          ['Edges', answer.edges],
          ['Obstacles', answer.obstacles],
          ['Degree (min / mean / max)', `${answer.degree.min} / ${formatNumber(answer.degree.mean)} / ${answer.degree.max}`],
          ['Diameter', `${answer.diameter}${answer.diameter_exact ? '' : ' (lower bound)'} by ${answer.diameter_method}`],
          ['Bipartite', answer.bipartite ? 'yes' : 'no'],
          ['Components', answer.components],
          ['Memory held', formatBytes(answer.memory.implicit_bytes)],
          [
            'An explicit graph would take',
            `${formatBytes(answer.memory.explicit_csr_bytes)} (${formatNumber(answer.memory.reduction_factor)}×)`,
          ],
        ]}
      />
    </div>
  );
}

function RandomWalkResult({ answer }: { answer: OperationAnswers['random-walk'] }) {
  const x = useMemo(() => answer.msd.map((_, i) => Math.min(i * answer.msd_every, answer.steps)), [answer]);
  const series = useMemo(() => [{ label: 'MSD', values: answer.msd }], [answer]);
  return (
    <div data-result="random-walk">
      <EnvelopeLine envelope={answer} />
      <SummaryList
        items={[
          ['Walkers × steps', `${answer.walkers} × ${answer.steps}`],
          ['Diffusion coefficient', answer.diffusion_coefficient],
          ['Returned to the start', `${formatNumber(answer.return_fraction * 100)}%`],
          ['Mean return time', answer.mean_return_time ?? '—'],
          ['Distinct vertices visited (mean)', answer.mean_distinct_visited],
          ['RMS distance at the end', answer.final.rms_distance],
        ]}
      />
      <Chart
        title="Mean squared displacement over time"
        xLabel="step"
        yLabel="MSD (hops²)"
        x={x}
        series={series}
        summary={`Mean squared displacement of ${answer.walkers} walkers rising to ${formatNumber(answer.msd[answer.msd.length - 1])} after ${answer.steps} steps.`}
      />
    </div>
  );
}

function PartitionResult({ answer, onMap }: { answer: OperationAnswers['partition']; onMap: ShowOnMap }) {
  useEffect(() => onMap({ layer: { kind: 'partition', parts: answer.parts }, marks: null }), [answer]);
  return (
    <div data-result="partition">
      <EnvelopeLine envelope={answer} />
      <SummaryList
        items={[
          ['Parts', answer.parts.length],
          ['Edges cut', answer.cut_edges],
          ['Balance (largest / mean)', answer.balance],
        ]}
      />
    </div>
  );
}

function SpectrumResult({ answer }: { answer: OperationAnswers['spectrum'] }) {
  const x = useMemo(() => answer.eigenvalues.map((_, i) => i), [answer]);
  const series = useMemo(() => [{ label: 'λ', values: answer.eigenvalues, style: 'points' as const }], [answer]);
  return (
    <div data-result="spectrum">
      <EnvelopeLine envelope={answer} />
      <SummaryList
        items={[
          ['Algebraic connectivity', answer.algebraic_connectivity ?? '—'],
          ['Exact', answer.exact ? 'yes' : 'no'],
          ['Method', answer.method],
        ]}
      />
      <Chart
        title="Smallest Laplacian eigenvalues"
        xLabel="index"
        yLabel="eigenvalue"
        x={x}
        series={series}
        summary={`${answer.eigenvalues.length} eigenvalues from ${formatNumber(answer.eigenvalues[0])} to ${formatNumber(answer.eigenvalues[answer.eigenvalues.length - 1])}.`}
      />
    </div>
  );
}

function TransformResult({ answer }: { answer: OperationAnswers['transform'] }) {
  return (
    <div data-result="transform">
      <EnvelopeLine envelope={answer} />
      <SummaryList
        items={[
          ['Transformation', answer.transformation_type],
          ['New version', answer.version],
          ['Values', answer.result_summary.values],
          ['Checksum before', <code key="b">{answer.result_summary.checksum_before}</code>],
          ['Checksum after', <code key="a">{answer.result_summary.checksum_after}</code>],
          ['Reversible', answer.reversible ? 'yes, bit for bit' : 'no'],
          [
            'Catalytic buffer',
            `${formatBytes(answer.catalytic.aux_bytes)} borrowed, ${answer.catalytic.restored ? 'restored' : 'not restored'}`,
          ],
        ]}
      />
    </div>
  );
}

/** The view of one operation's answer; each may ask the lattice map to show something. */
export function OperationResultView({ result, ctx }: { result: OperationResult; ctx: ResultContext }) {
  switch (result.op) {
    case 'path':
      return <PathResult answer={result.answer} onMap={ctx.onMap} />;
    case 'distances':
      return <DistancesSummaryResult answer={result.answer} />;
    case 'neighbors':
      return <NeighborsResult answer={result.answer} onMap={ctx.onMap} />;
    case 'components':
      return <ComponentsResult answer={result.answer} definition={ctx.definition} vertices={ctx.vertices} onMap={ctx.onMap} />;
    case 'centrality':
      return <CentralityResult answer={result.answer} onMap={ctx.onMap} />;
    case 'analyze':
      return <AnalyzeResult answer={result.answer} />;
    case 'diffusion':
      return (
        <DiffusionResult
          answer={result.answer}
          request={result.request}
          definition={ctx.definition}
          vertices={ctx.vertices}
          defaultField={ctx.defaultField}
          onMap={ctx.onMap}
        />
      );
    case 'random-walk':
      return <RandomWalkResult answer={result.answer} />;
    case 'partition':
      return <PartitionResult answer={result.answer} onMap={ctx.onMap} />;
    case 'spectrum':
      return <SpectrumResult answer={result.answer} />;
    case 'transform':
      return <TransformResult answer={result.answer} />;
  }
}
