import { useEffect, useMemo, useState } from 'preact/hooks';
import type { LatticeDefinition } from '../../../../src/engine/lattice';
import { Chart } from '../../components/chart';
import { replayComponents } from '../../lattice-view/replay';
import type { OperationAnswers } from '../run-operation';
import type { ShowOnMap } from './map-request';
import { EnvelopeLine, SummaryList } from './summary-list';

/** Largest lattice whose components the browser labels for the map (12 bytes a vertex). */
export const LABEL_MAX_VERTICES = 4_194_304;

export function ComponentsResult({
  answer,
  definition,
  vertices,
  onMap,
}: {
  answer: OperationAnswers['components'];
  definition: LatticeDefinition;
  vertices: number;
  onMap: ShowOnMap;
}) {
  const [labelled, setLabelled] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    if (vertices > LABEL_MAX_VERTICES) return;
    let live = true;
    replayComponents(definition)
      .then((r) => {
        if (!live) return;
        setLabelled(r.count);
        onMap({ layer: { kind: 'components', labels: r.labels, count: r.count }, marks: null });
      })
      .catch((err: Error) => live && setFailure(err.message));
    return () => {
      live = false;
    };
  }, [answer]);

  const sizes = answer.sizes.slice(0, 200);
  const x = useMemo(() => sizes.map((_, i) => i + 1), [answer]);
  const series = useMemo(() => [{ label: 'size', values: sizes, style: 'bars' as const }], [answer]);
  return (
    <div data-result="components">
      <EnvelopeLine envelope={answer} />
      <SummaryList
        items={[
          ['Components', answer.count],
          ['Largest', answer.largest],
          ['Isolated vertices', answer.isolated],
          ['Obstacles', answer.obstacle_count],
          ['Free vertices', answer.free_vertices],
        ]}
      />
      {labelled !== null && (
        <p class="muted" data-labelled-components={labelled}>
          Coloured on the map: the engine labelled {labelled} component{labelled === 1 ? '' : 's'} in your browser
          {labelled === answer.count ? ', as the server counted.' : `, the server counted ${answer.count}.`}
        </p>
      )}
      {vertices > LABEL_MAX_VERTICES && <p class="muted">Too many vertices to colour the components in the browser.</p>}
      {failure && <p class="notice notice-error">Colouring failed: {failure}</p>}
      {sizes.length > 1 && (
        <Chart
          title="Component sizes, largest first"
          xLabel="rank"
          yLabel="vertices"
          x={x}
          series={series}
          summary={`Sizes of the ${sizes.length} largest components; the largest has ${answer.largest} vertices.`}
        />
      )}
    </div>
  );
}
