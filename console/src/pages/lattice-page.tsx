import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { coordsOf, isBlocked, type Lattice as EngineLattice } from '../../../src/engine/lattice';
import { call, type Answer } from '../api/client';
import { ErrorNotice } from '../components/error-notice';
import { formatBytes, formatCount, formatNumber, formatShape, formatTime } from '../format';
import { definitionOf, engineLattice } from '../lattice-view/engine-lattice';
import { LatticeCanvas, type MapMarks } from '../lattice-view/lattice-canvas';
import type { MapLayer } from '../lattice-view/map-layers';
import { SliceControls } from '../lattice-view/slice-controls';
import { cellIndices, defaultSlice, type Slice } from '../lattice-view/slice';
import { JobCard, type Job } from '../operations/job-card';
import { OperationForm, type OperationRequest } from '../operations/operation-form';
import { OperationHistory } from '../operations/operation-history';
import { OPERATION_SPECS, type LatticeContext, type OperationName } from '../operations/operation-specs';
import { DistanceFieldResult } from '../operations/results/distances-result';
import type { MapRequest } from '../operations/results/map-request';
import { OperationResultView } from '../operations/results/operation-result';
import { runOperation, type OperationResult, type RunOutcome } from '../operations/run-operation';
import { navigate } from '../router/navigation';
import { useAccount } from '../session/account';
import { describeObstacles } from './lattices-page';

type Lattice = Answer<'/api/v1/lattices/{id}', 'get'>;
type Shown = Exclude<RunOutcome, { kind: 'job' }>;
interface WatchedJob {
  jobId: string;
  op: OperationName;
  request: Record<string, unknown>;
}

/** Largest field downloaded for the heat map: 4 bytes a vertex. */
export const FIELD_MAX_VERTICES = 4_194_304;

/** First and last free vertex in index order among the first and last few thousand: default endpoints for the forms. */
function freeEnds(l: EngineLattice): { firstFree: number[]; lastFree: number[] } {
  const probe = Math.min(l.vertexCount, 4096);
  let first = 0;
  while (first < probe - 1 && isBlocked(l, first)) first++;
  let last = l.vertexCount - 1;
  while (last > l.vertexCount - probe && isBlocked(l, last)) last--;
  return { firstFree: coordsOf(l, first), lastFree: coordsOf(l, last) };
}

export function LatticePage({ params }: { params: Record<string, string> }) {
  const id = params.id;
  const { me } = useAccount();
  const [lattice, setLattice] = useState<Lattice | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [slice, setSlice] = useState<Slice | null>(null);
  const [layer, setLayer] = useState<MapLayer>({ kind: 'obstacles' });
  const [marks, setMarks] = useState<MapMarks | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [runError, setRunError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [jobs, setJobs] = useState<WatchedJob[]>([]);
  const [historyTick, setHistoryTick] = useState(0);

  const load = useCallback(async () => {
    try {
      const { data } = await call('get', '/api/v1/lattices/{id}', { params: { id } });
      setLattice(data);
      setSlice((s) => s ?? defaultSlice(data.shape));
    } catch (err) {
      setLoadError(err);
    }
  }, [id]);
  useEffect(() => void load(), [load]);

  const engine = useMemo(() => (lattice ? engineLattice(lattice) : null), [lattice?.id]);
  const context = useMemo<LatticeContext | null>(
    () => (engine && lattice ? { shape: lattice.shape, ...freeEnds(engine) } : null),
    [engine],
  );
  const onMap = useCallback((r: MapRequest) => {
    if (r.layer) setLayer(r.layer);
    if (r.marks !== undefined) setMarks(r.marks);
  }, []);

  const show = (outcome: Shown) => {
    setLayer({ kind: 'obstacles' });
    setMarks(null);
    setShown(outcome);
    setHistoryTick((t) => t + 1);
    if (outcome.kind === 'done' && outcome.result.op === 'transform') void load();
  };

  const run = async (req: OperationRequest) => {
    if (!lattice) return;
    setBusy(true);
    setRunError(null);
    try {
      const outcome = await runOperation(lattice.id, req.op, req.body, {
        asJob: req.asJob,
        binaryField: lattice.vertices <= FIELD_MAX_VERTICES,
      });
      if (outcome.kind === 'job') setJobs((j) => [{ jobId: outcome.accepted.job_id, op: req.op, request: req.body }, ...j]);
      else show(outcome);
    } catch (err) {
      setRunError(err);
    } finally {
      setBusy(false);
    }
  };

  const jobFinished = (watched: WatchedJob) => (job: Job) => {
    setHistoryTick((t) => t + 1);
    if (job.status === 'succeeded') {
      show({ kind: 'done', result: { op: watched.op, request: watched.request, answer: job.result } as OperationResult });
    }
  };

  const remove = async () => {
    if (!lattice || !confirm(`Delete the lattice "${lattice.name}" and its history?`)) return;
    try {
      await call('delete', '/api/v1/lattices/{id}', { params: { id: lattice.id } });
      navigate('/lattices', { replace: true });
    } catch (err) {
      setRunError(err);
    }
  };

  if (loadError) return <ErrorNotice error={loadError} />;
  if (!lattice || !engine || !slice || !context) return <p role="status">Loading the lattice…</p>;

  const definition = definitionOf(lattice);
  const cells = cellIndices(slice).length;
  const description = `${formatShape(lattice.shape)} lattice, ${cells} cells drawn`;
  return (
    <section class="lattice-page" data-lattice-id={lattice.id}>
      <div class="page-head">
        <h1 tabIndex={-1}>{lattice.name}</h1>
        <button type="button" class="danger" onClick={remove}>
          Delete lattice
        </button>
      </div>
      <dl class="summary lattice-facts">
        <div>
          <dt>Shape</dt>
          <dd>{formatShape(lattice.shape)}</dd>
        </div>
        <div>
          <dt>Boundary</dt>
          <dd>{lattice.boundary}</dd>
        </div>
        <div>
          <dt>Obstacles</dt>
          <dd>{describeObstacles(lattice.obstacles)}</dd>
        </div>
        <div>
          <dt>Vertices / edges</dt>
          <dd>
            {formatCount(lattice.vertices)} / {formatCount(lattice.edges)}
          </dd>
        </div>
        <div>
          <dt>Memory held</dt>
          <dd>
            {formatBytes(lattice.memory.implicit_bytes)} (an explicit graph: {formatBytes(lattice.memory.explicit_csr_bytes)},{' '}
            {formatNumber(Math.round(lattice.memory.reduction_factor * 10) / 10)}×)
          </dd>
        </div>
        <div>
          <dt>Version</dt>
          <dd>
            {lattice.version} · updated {formatTime(lattice.updated_at)}
          </dd>
        </div>
      </dl>

      <div class="workbench">
        <div class="map-column">
          <SliceControls slice={slice} onChange={setSlice} />
          <LatticeCanvas lattice={engine} slice={slice} layer={layer} marks={marks} description={description} />
        </div>
        <div class="ops-column">
          <h2>Run an operation</h2>
          <OperationForm
            key={lattice.id}
            context={context}
            gpuAllowed={me?.limits.gpu_allowed ?? false}
            busy={busy}
            onRun={run}
            onInvalid={(message) => setRunError(new Error(message))}
          />
          <ErrorNotice error={runError} />
          {jobs.length > 0 && (
            <section aria-labelledby="jobs-title">
              <h2 id="jobs-title">Jobs</h2>
              {jobs.map((j) => (
                <JobCard key={j.jobId} jobId={j.jobId} title={OPERATION_SPECS[j.op].title} onFinished={jobFinished(j)} />
              ))}
            </section>
          )}
          {shown && (
            <section aria-labelledby="result-title" class="result" aria-live="polite">
              <h2 id="result-title">Result: {OPERATION_SPECS[shown.kind === 'field' ? 'distances' : shown.result.op].title}</h2>
              {shown.kind === 'field' ? (
                <DistanceFieldResult field={shown.field} envelope={shown.envelope} onMap={onMap} />
              ) : (
                <OperationResultView
                  result={shown.result}
                  ctx={{ definition, vertices: lattice.vertices, defaultField: lattice.version === 1, onMap }}
                />
              )}
            </section>
          )}
        </div>
      </div>
      <OperationHistory latticeId={lattice.id} refresh={historyTick} />
    </section>
  );
}
