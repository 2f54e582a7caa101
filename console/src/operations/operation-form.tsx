import { useState } from 'preact/hooks';
import { Field } from '../components/field';
import { OperationOptions } from './operation-options';
import { buildBody, initialValues, OPERATION_SPECS, type FieldSpec, type LatticeContext, type OperationName } from './operation-specs';

export interface OperationRequest {
  op: OperationName;
  body: Record<string, unknown>;
  asJob: boolean;
}

interface OperationFormProps {
  context: LatticeContext;
  gpuAllowed: boolean;
  busy: boolean;
  onRun: (request: OperationRequest) => void;
  onInvalid: (message: string) => void;
}

function Control({ f, value, onInput }: { f: FieldSpec; value: string; onInput: (v: string) => void }) {
  return (
    <Field label={f.label} hint={f.hint ?? (f.optional ? 'Optional' : undefined)}>
      {({ id, describedBy }) => {
        const common = { id, 'aria-describedby': describedBy, name: f.name, value };
        switch (f.kind) {
          case 'select':
            return (
              <select {...common} onChange={(e) => onInput(e.currentTarget.value)}>
                {f.options.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            );
          case 'vertices':
          case 'sources':
            return <textarea {...common} rows={3} onInput={(e) => onInput(e.currentTarget.value)} />;
          case 'integer':
          case 'number':
            return (
              <input
                {...common}
                type="number"
                inputMode="decimal"
                step={f.kind === 'integer' ? 1 : 'any'}
                min={f.min}
                max={f.max}
                required={!f.optional}
                onInput={(e) => onInput(e.currentTarget.value)}
              />
            );
          case 'vertex':
          case 'text':
            return <input {...common} required={!f.optional} onInput={(e) => onInput(e.currentTarget.value)} />;
        }
      }}
    </Field>
  );
}

/** One form for every operation, generated from OPERATION_SPECS. */
export function OperationForm({ context, gpuAllowed, busy, onRun, onInvalid }: OperationFormProps) {
  const [op, setOp] = useState<OperationName>('path');
  const spec = OPERATION_SPECS[op];
  const [values, setValues] = useState(() => initialValues(spec, context));
  const [asJob, setAsJob] = useState(false);
  const [useGpu, setUseGpu] = useState(false);

  // The new operation's fields and their initial values come in one render. Resetting the values in an
  // effect left a frame where the new fields held the old operation's values, and a quick hand (or a busy
  // machine that delays the frame) submitted those: a missing field, so no request at all.
  // The lattice page keys this form by lattice, so a new context gets a new form.
  const choose = (next: OperationName) => {
    setOp(next);
    setValues(initialValues(OPERATION_SPECS[next], context));
  };

  const submit = (event: Event) => {
    event.preventDefault();
    const body = buildBody(spec, values, context.shape.length);
    if (!body.ok) return onInvalid(body.message);
    onRun({ op, body: useGpu ? { ...body.value, use_gpu: true } : body.value, asJob });
  };

  return (
    <form class="operation-form" onSubmit={submit} aria-busy={busy}>
      <Field label="Operation" hint={spec.summary}>
        {({ id, describedBy }) => (
          <select id={id} aria-describedby={describedBy} value={op} onChange={(e) => choose(e.currentTarget.value as OperationName)}>
            <OperationOptions />
          </select>
        )}
      </Field>
      <div class="grid-fields">
        {spec.fields
          .filter((f) => !f.when || f.when(values))
          .map((f) => (
            <Control key={`${op}-${f.name}`} f={f} value={values[f.name] ?? ''} onInput={(v) => setValues({ ...values, [f.name]: v })} />
          ))}
      </div>
      <div class="row">
        <label class="choice">
          <input type="checkbox" checked={asJob} onChange={(e) => setAsJob(e.currentTarget.checked)} />
          Run as a job (progress, cancel)
        </label>
        <label class="choice">
          <input type="checkbox" checked={useGpu} disabled={!gpuAllowed} onChange={(e) => setUseGpu(e.currentTarget.checked)} />
          Ask for the GPU{gpuAllowed ? '' : ' (not in your plan)'}
        </label>
      </div>
      <button type="submit" class="primary" disabled={busy}>
        Run {/^[A-Z]{2}/.test(spec.title) ? spec.title : spec.title[0].toLowerCase() + spec.title.slice(1)}
      </button>
    </form>
  );
}
