import { ApiProblem, describeError } from '../api/problem';

/** An API error as the server worded it (`detail`), with the fields it named and its request id. */
export function ErrorNotice({ error }: { error: unknown }) {
  if (error === null || error === undefined) return null;
  const problem = error instanceof ApiProblem ? error : null;
  return (
    <div class="notice notice-error" role="alert">
      <p>{describeError(error)}</p>
      {problem && problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((e) => (
            <li key={e.location}>
              <code>{e.location}</code> {e.message}
            </li>
          ))}
        </ul>
      )}
      {problem?.retryAfterSeconds ? <p>Try again in {problem.retryAfterSeconds} s.</p> : null}
      {problem?.requestId && <p class="muted">Request id {problem.requestId}</p>}
    </div>
  );
}
