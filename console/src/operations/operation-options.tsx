import { OPERATION_SPECS, OPERATIONS } from './operation-specs';

/** One <option> per operation, titled as in the forms. */
export function OperationOptions() {
  return (
    <>
      {OPERATIONS.map((o) => (
        <option key={o} value={o}>
          {OPERATION_SPECS[o].title}
        </option>
      ))}
    </>
  );
}
