import { Field } from '../components/field';
import { NumberField } from '../components/number-field';
import { clampSlice, type Slice } from './slice';

function AxisSelect(p: { label: string; value: number; axes: { k: number; label: string }[]; onChange: (axis: number) => void }) {
  return (
    <Field label={p.label}>
      {({ id }) => (
        <select id={id} value={p.value} onChange={(e) => p.onChange(Number(e.currentTarget.value))}>
          {p.axes.map((a) => (
            <option key={a.k} value={a.k}>
              {a.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Chooses the drawn plane of a lattice with more than two dimensions, and the window of a large one. */
export function SliceControls({ slice, onChange }: { slice: Slice; onChange: (s: Slice) => void }) {
  const d = slice.shape.length;
  const set = (patch: Partial<Slice>) => onChange(clampSlice({ ...slice, ...patch }));
  const axes = slice.shape.map((n, k) => ({ k, label: `dimension ${k} (${n})` }));
  const windowed = slice.rows < (slice.rowAxis === null ? 1 : slice.shape[slice.rowAxis]) || slice.cols < slice.shape[slice.colAxis];
  if (d < 3 && !windowed) return null;
  return (
    <fieldset class="slice-controls">
      <legend>Drawn slice</legend>
      {d >= 3 && (
        <div class="row">
          <AxisSelect
            label="Rows"
            value={slice.rowAxis ?? 0}
            axes={axes.filter((a) => a.k !== slice.colAxis)}
            onChange={(rowAxis) => set({ rowAxis })}
          />
          <AxisSelect
            label="Columns"
            value={slice.colAxis}
            axes={axes.filter((a) => a.k !== slice.rowAxis)}
            onChange={(colAxis) => set({ colAxis })}
          />
          {axes
            .filter((a) => a.k !== slice.rowAxis && a.k !== slice.colAxis)
            .map((a) => (
              <NumberField
                key={a.k}
                label={`Fixed coordinate ${a.k}`}
                min={0}
                max={slice.shape[a.k] - 1}
                value={slice.fixed[a.k]}
                onChange={(v) => set({ fixed: slice.fixed.map((old, k) => (k === a.k ? v : old)) })}
              />
            ))}
        </div>
      )}
      {windowed && (
        <div class="row">
          {slice.rowAxis !== null && (
            <NumberField
              label="First row"
              hint={`${slice.rows} rows shown`}
              min={0}
              value={slice.rowOrigin}
              onChange={(rowOrigin) => set({ rowOrigin })}
            />
          )}
          <NumberField
            label="First column"
            hint={`${slice.cols} columns shown`}
            min={0}
            value={slice.colOrigin}
            onChange={(colOrigin) => set({ colOrigin })}
          />
        </div>
      )}
    </fieldset>
  );
}
