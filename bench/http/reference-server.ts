/**
 * Peer (b) of the HTTP bench: what a minimal hand-written handler does for
 * the same authenticated work as the API, with nothing else around it. Every
 * request verifies an EdDSA JWT with jose (no verification cache) and runs its
 * SQL as one statement on a plain `pg` Pool: no transaction, no RLS scope, no
 * shared store, no rate limit, no audit row. The API's routes are compared with
 * these to show what its layers cost on top of the unavoidable work.
 *
 * Environment: DATABASE_URL, PORT, BENCH_TENANT_ID, BENCH_USER_ID, POOL_MAX,
 * and BENCH_LATTICE_TEMPLATE (JSON of one stored lattice row) to enable the
 * lattice routes. Prints one JSON line {ready, port, token} once listening.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import pg from 'pg';

const ISSUER = 'catalytic';
const AUDIENCE = 'catalytic-api';
const REQUIRED_CLAIMS = ['sub', 'tenant_id', 'role', 'type', 'jti', 'iss', 'aud', 'iat', 'nbf', 'exp'];

// The SQL of src/domain/lattices/lattice-repository.ts (COLUMNS, list() without filter or cursor, insert()),
// copied as text: the repository does not export it, and the reference must run the same statements.
const ISO_MS = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const POSITION_SQL = `to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const COLUMNS = `id, tenant_id, name, shape, boundary, obstacles, metadata, legacy, vertices, edges, implicit_bytes,
  explicit_csr_bytes, version, field_version, ${ISO_MS('created_at')} AS created_at, ${ISO_MS('updated_at')} AS updated_at,
  ${POSITION_SQL} AS position_at`;
const LIST_SQL = `SELECT ${COLUMNS}, (SELECT count(*)::int FROM lattices WHERE tenant_id = $1) AS total
       FROM lattices WHERE tenant_id = $1  ORDER BY created_at DESC, id DESC LIMIT $2`;
const INSERT_SQL = `INSERT INTO lattices (id, tenant_id, name, shape, boundary, obstacles, metadata, legacy, vertices, edges,
         implicit_bytes, explicit_csr_bytes, created_by, created_by_type)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING ${COLUMNS}`;
const TENANT_SQL = 'SELECT id, name, slug, plan_code, status FROM tenants WHERE id = $1';
const PAGE_LIMIT = 50;

interface LatticeTemplate {
  shape: number[];
  boundary: string;
  obstacles: unknown;
  metadata: Record<string, unknown>;
  legacy: Record<string, unknown>;
  vertices: number;
  edges: number;
  implicit_bytes: number;
  explicit_csr_bytes: number;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`reference-server: ${name} is required`);
  return value;
}

const tenantId = required('BENCH_TENANT_ID');
const userId = required('BENCH_USER_ID');
const pool = new pg.Pool({ connectionString: required('DATABASE_URL'), max: Number(process.env.POOL_MAX ?? 20) });
pool.on('error', () => undefined);
const template: LatticeTemplate | null = process.env.BENCH_LATTICE_TEMPLATE ? JSON.parse(process.env.BENCH_LATTICE_TEMPLATE) : null;

// A fresh key per start; the public key is imported once, as the API imports its keys once.
const { publicKey: generatedPublic, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
const publicKey = await importJWK(await exportJWK(generatedPublic), 'EdDSA');
const now = Math.floor(Date.now() / 1000);
const token = await new SignJWT({ tenant_id: tenantId, role: 'owner', type: 'access', jti: randomUUID() })
  .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
  .setSubject(userId)
  .setIssuer(ISSUER)
  .setAudience(AUDIENCE)
  .setIssuedAt(now)
  .setNotBefore(now)
  .setExpirationTime(now + 3600)
  .sign(privateKey);

/** The verified claims, or null after answering 401. */
async function claimsOf(request: FastifyRequest, reply: FastifyReply): Promise<JWTPayload | null> {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match) {
    reply.code(401).send({ title: 'Authentication required' });
    return null;
  }
  try {
    const { payload } = await jwtVerify(match[1], publicKey, {
      algorithms: ['EdDSA'],
      issuer: ISSUER,
      audience: AUDIENCE,
      requiredClaims: REQUIRED_CLAIMS,
    });
    return payload;
  } catch {
    reply.code(401).send({ title: 'Invalid token' });
    return null;
  }
}

const app = Fastify({ logger: false });

app.get('/ref/tenant', async (request, reply) => {
  const claims = await claimsOf(request, reply);
  if (!claims) return reply;
  const { rows } = await pool.query(TENANT_SQL, [claims.tenant_id]);
  if (rows.length === 0) return reply.code(404).send({ title: 'Tenant not found' });
  return rows[0];
});

if (template) {
  app.get('/ref/lattices', async (request, reply) => {
    const claims = await claimsOf(request, reply);
    if (!claims) return reply;
    const { rows } = await pool.query(LIST_SQL, [claims.tenant_id, PAGE_LIMIT + 1]);
    reply.header('X-Total-Count', String(rows[0]?.total ?? 0));
    return rows.slice(0, PAGE_LIMIT);
  });

  app.post('/ref/lattices', async (request, reply) => {
    const claims = await claimsOf(request, reply);
    if (!claims) return reply;
    const body = request.body as { name?: string };
    const t = template;
    const { rows } = await pool.query(INSERT_SQL, [
      randomUUID(),
      claims.tenant_id,
      body.name ?? 'lattice',
      t.shape,
      t.boundary,
      t.obstacles === null ? null : JSON.stringify(t.obstacles),
      t.metadata,
      t.legacy,
      t.vertices,
      t.edges,
      t.implicit_bytes,
      t.explicit_csr_bytes,
      claims.sub,
      'user',
    ]);
    return reply.code(201).send(rows[0]);
  });
}

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
process.stdout.write(`${JSON.stringify({ ready: true, port: (app.server.address() as { port: number }).port, token })}\n`);

const stop = () => {
  app
    .close()
    .then(() => pool.end())
    .then(
      () => process.exit(0),
      () => process.exit(1),
    );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
