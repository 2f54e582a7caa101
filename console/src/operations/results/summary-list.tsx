import type { ComponentChildren } from 'preact';
import { formatNumber } from '../../format';
import type { Envelope } from '../run-operation';

/** Label/value pairs of a result, as a description list. */
export function SummaryList({ items }: { items: [string, ComponentChildren][] }) {
  return (
    <dl class="summary">
      {items.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{typeof v === 'number' ? formatNumber(v) : v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Where and how fast the server ran it: the envelope every operation answer carries. */
export function EnvelopeLine({ envelope }: { envelope: Envelope }) {
  return (
    <p class="muted envelope" data-operation-id={envelope.operation_id}>
      Ran on <strong>{envelope.backend}</strong> in {formatNumber(envelope.execution_time_ms)} ms
      {envelope.cached ? ' (answered from the knowledge cache)' : ''}
      {envelope.fallback_reason ? ` · GPU not used: ${envelope.fallback_reason}` : ''} · operation {envelope.operation_id.slice(0, 8)}
    </p>
  );
}
