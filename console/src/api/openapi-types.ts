// Generated from docs/api/openapi.yaml by `npm run console:types` (openapi-typescript). Do not edit.

export interface paths {
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Service name, version and links */
        get: operations["getRoot"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Overall health with each dependency */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is up */
        get: operations["getHealthLive"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Ready for traffic (503 while starting, draining, or while the database or Redis fails; a database merely slow to answer, a busy pool, still counts as ready) */
        get: operations["getHealthReady"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/database": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Database connectivity */
        get: operations["getHealthDatabase"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/redis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Redis connectivity */
        get: operations["getHealthRedis"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Public JWT signing keys (JWKS) */
        get: operations["getWellKnownJwksJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign up: creates a tenant owned by the new user
         * @description Password policy: 8–128 characters with an upper-case letter, a lower-case letter and a digit, not a common password, and (unless PASSWORD_REJECT_PERSONAL_INFO=false) not containing the name or the local part of the email. A refused password gives 422 whose `failed_rules` lists each rule broken: min_length, max_length, upper_case, lower_case, digit, not_common, personal_info.email, personal_info.name.
         */
        post: operations["postAuthRegister"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange email and password for a token pair */
        post: operations["postAuthLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate a refresh token (a reused one revokes every session) */
        post: operations["postAuthRefresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke this access token and its refresh family on every node */
        post: operations["postAuthLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check a token and return its claims */
        post: operations["postAuthVerify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller: user, tenant, plan and limits */
        get: operations["getAuthMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Email a single-use reset link (same answer whether or not the email exists) */
        post: operations["postAuthPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password with an emailed reset token */
        post: operations["postAuthPasswordResetConfirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/verify-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm an email address with the emailed token */
        post: operations["postAuthVerifyEmail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/accept-invitation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept an emailed invitation: set a password and sign in */
        post: operations["postAuthAcceptInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/current": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's tenant, its plan and the plan's limits */
        get: operations["getTenantsCurrent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Rename the tenant (admin)
         * @description Only the display name can change; the slug stays stable. Audited as tenant.updated.
         */
        patch: operations["patchTenantsCurrent"];
        trace?: never;
    };
    "/api/v1/tenants/subscription": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Change the plan (admin)
         * @description Any plan may be chosen (billing is out of scope for v1). `professional` is accepted for `pro`. The new limits apply at once on every server; each change is audited as tenant.plan_changed with the old and new plan.
         */
        put: operations["putTenantsSubscription"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant's users
         * @description Oldest first, paginated. Admins and owners see every user, invited and deactivated included; members and viewers see the active users only.
         */
        get: operations["getTenantsUsers"];
        put?: never;
        /**
         * Invite a user by email (admin)
         * @description Creates the user with status invited and mails a single-use link to `PUBLIC_URL/accept-invitation?token=...` (valid 7 days). 409 when the email already belongs to this tenant.
         */
        post: operations["postTenantsUsers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a user from the tenant (admin)
         * @description A soft delete: the user is deactivated (kept for the audit trail) and every session and pending emailed token is revoked at once. Removing a removed user is 204 again; the last owner cannot be removed (409).
         */
        delete: operations["deleteTenantsUsersId"];
        options?: never;
        head?: never;
        /**
         * Change a user's role, status or name (admin)
         * @description Only an owner may grant the owner role or change an owner. The last active owner can be neither demoted nor deactivated (409). Role and status changes apply at once on every server; deactivation also ends every session.
         */
        patch: operations["patchTenantsUsersId"];
        trace?: never;
    };
    "/api/v1/tenants/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant's API keys, without secrets (admin)
         * @description Newest first, paginated; revoked and expired keys included.
         */
        get: operations["getTenantsApiKeys"];
        put?: never;
        /**
         * Create an API key (admin)
         * @description The full key is in this response only; the server keeps its prefix and a SHA-256 hash. Send it as `X-API-Key`. A key acts with the role its widest scope grants: read → viewer, write → member, admin → admin.
         */
        post: operations["postTenantsApiKeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key (admin)
         * @description Takes effect at once on every server. Revoking a revoked key is 204 again.
         */
        delete: operations["deleteTenantsApiKeysId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Plans and their limits
         * @description Public. A limit of -1 means unlimited. `professional` is accepted wherever `pro` is.
         */
        get: operations["getPlans"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant's audit log (admin)
         * @description Newest first, paginated, filtered by action, actor and time. Entries are written in the same transaction as the change they record and can never be changed or deleted.
         */
        get: operations["getAuditLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lattices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant's lattices
         * @description Newest first, paginated; `name` filters by case-insensitive substring.
         */
        get: operations["getLattices"];
        put?: never;
        /**
         * Create a lattice (member)
         * @description Stored implicitly: creating a lattice of 10^12 vertices costs what one of 10 costs. `memory` is computed by the engine. 422 when the vertex or edge count would pass 2^53 − 1, when an obstacle coordinate is outside the shape, when the name has other characters than letters, digits, spaces and `_-.,:()#+`, or when metadata is larger than 16 KB. 403 `plan_limit_exceeded` past the plan's dimensions, size per side or number of lattices, naming the limit.
         */
        post: operations["postLattices"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lattices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One lattice
         * @description 404 `Lattice not found` for an unknown id and for another tenant's lattice; 422 for an id that is not a UUID.
         */
        get: operations["getLatticesId"];
        put?: never;
        post?: never;
        /**
         * Delete a lattice (member)
         * @description Deletes it for good, with its value field and operation history; a later GET is 404.
         */
        delete: operations["deleteLatticesId"];
        options?: never;
        head?: never;
        /**
         * Rename a lattice or replace its metadata (member)
         * @description `metadata` replaces the stored object as a whole. `updated_at` moves; `version` does not (it counts changes of the value field).
         */
        patch: operations["patchLatticesId"];
        trace?: never;
    };
    "/api/v1/lattices/{id}/path": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Shortest path between two vertices (viewer)
         * @description Around obstacles; 200 with `path: null, reachable: false` when there is none. Answered at once when the cost estimate is small, else (or with `async=true`) queued as a job: 202 with `job_id` and `status_url`; the job's result is this same body. Every run is recorded in the operation history. Repeating a read on an unchanged lattice is answered from the knowledge cache (`cached: true`). 403 `plan_limit_exceeded` when the run would hold more vertices than the plan's `max_materialized_vertices` or the month's operations are spent; 429 past the plan's compute operations per minute; 422 with `errors` pointing at the body field for coordinates of the wrong length or out of range and for parameters the lattice cannot take.
         */
        post: operations["postLatticesIdPath"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lattices/{id}/distances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * BFS distance field from sources (viewer)
         * @description JSON: a summary (histogram, eccentricities). With `Accept: application/octet-stream`: the whole field as little-endian Int32 values in row-major order, the envelope in `X-Operation-Id`, `X-Execution-Time-Ms`, `X-Backend`, `X-Gpu-Used`, `X-Cached` and `X-Vertex-Count` headers. Answered at once when the cost estimate is small, else (or with `async=true`) queued as a job: 202 with `job_id` and `status_url`; the job's result is this same body. Every run is recorded in the operation history. Repeating a read on an unchanged lattice is answered from the knowledge cache (`cached: true`). 403 `plan_limit_exceeded` when the run would hold more vertices than the plan's `max_materialized_vertices` or the month's operations are spent; 429 past the plan's compute operations per minute; 422 with `errors` pointing at the body field for coordinates of the wrong length or out of range and for parameters the lattice cannot take.
         */
        post: operations["postLatticesIdDistances"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lattices/{id}/neighbors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Vertices within a radius (viewer)
         * @description The count is exact (closed form without obstacles); the list is limited. Answered at once when the cost estimate is small, else (or with `async=true`) queued as a job: 202 with `job_id` and `status_url`; the job's result is this same body. Every run is recorded in the operation history. Repeating a read on an unchanged lattice is answered from the knowledge cache (`cached: true`). 403 `plan_limit_exceeded` when the run would hold more vertices than the plan's `max_materialized_vertices` or the month's operations are spent; 429 past the plan's compute operations per minute; 422 with `errors` pointing at the body field for coordinates of the wrong length or out of range and for parameters the lattice cannot take.
         */
        post: operations["postLatticesIdNeighbors"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lattices/{id}/components": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Connected components (viewer)
         * @description Count and sizes of the components of the free vertices (one without obstacles). Answered at once when the cost estimate is small, else (or with `async=true`) queued as a job: 202 with `job_id` and `status_url`; the job's result is this same body. Every run is recorded in the operation history. Repeating a read on an unchanged lattice is answered from the knowledge cache (`cached: true`). 403 `plan_limit_exceeded` when the run would hold more vertices than the plan's `max_materialized_vertices` or the month's operations are spent; 429 past the plan's compute operations per minute; 422 with `errors` pointing at the body field for coordinates of the wrong length or out of range and for parameters the lattice cannot take.
         */
        post: operations["postLatticesIdComponents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lattices/{id}/centrality": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Closeness, betweenness or degree centrality (viewer)
         * @description Exact when small; sampled from pivot sources with a stated standard error when large. Top-k vertices and statistics. Answered at once when the cost estimate is small, else (or with `async=true`) queued as a job: 202 with `job_id` and `status_url`; the job's result is this same body. Every run is recorded in the operation history. Repeating a read on an unchanged lattice is answered from the knowledge cache (`cached: true`). 403 `plan_limit_exceeded` when the run would hold more vertices than the plan's `max_materialized_vertices` or the month's operations are spent; 429 past the plan's compute operations per minute; 422 with `errors` pointing at the body field for coordinates of the wrong length or out of range and for parameters the lattice cannot take.
         */
        post: operations["postLatticesIdCentrality"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lattices/{id}/analyze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Structure of the lattice (viewer)
         * @description Vertices, edges, degree statistics, diameter, bipartiteness, components and memory. Answered at once when the cost estimate is small, else (or with `async=true`) queued as a job: 202 with `job_id` and `status_url`; the job's result is this same body. Every run is recorded in the operation history. Repeating a read on an unchanged lattice is answered from the knowledge cache (`cached: true`). 403 `plan_limit_exceeded` when the run would hold more vertices than the plan's `max_materialized_vertices` or the month's operations are spent; 429 past the plan's compute operations per minute; 422 with `errors` pointing at the body field for coordinates of the wrong length or out of range and for parameters the lattice cannot take.
         */
        post: operations["postLatticesIdAnalyze"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lattices/{id}/diffusion": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Heat diffusion (viewer)
         * @description Explicit steps of the heat equation on the value field (not changed); statistics and optional snapshots. Steps are capped (see the body schema). Answered at once when the cost estimate is small, else (or with `async=true`) queued as a job: 202 with `job_id` and `status_url`; the job's result is this same body. Every run is recorded in the operation history. Repeating a read on an unchanged lattice is answered from the knowledge cache (`cached: true`). 403 `plan_limit_exceeded` when the run would hold more vertices than the plan's `max_materialized_vertices` or the month's operations are spent; 429 past the plan's compute operations per minute; 422 with `errors` pointing at the body field for coordinates of the wrong length or out of range and for parameters the lattice cannot take.
         */
        post: operations["postLatticesIdDiffusion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lattices/{id}/random-walk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Seeded random walks (viewer)
         * @description Mean squared displacement (thinned to at most 1001 points), return and hitting statistics. Walkers and steps are capped (see the body schema). Answered at once when the cost estimate is small, else (or with `async=true`) queued as a job: 202 with `job_id` and `status_url`; the job's result is this same body. Every run is recorded in the operation history. Repeating a read on an unchanged lattice is answered from the knowledge cache (`cached: true`). 403 `plan_limit_exceeded` when the run would hold more vertices than the plan's `max_materialized_vertices` or the month's operations are spent; 429 past the plan's compute operations per minute; 422 with `errors` pointing at the body field for coordinates of the wrong length or out of range and for parameters the lattice cannot take.
         */
        post: operations["postLatticesIdRandomWalk"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lattices/{id}/partition": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Balanced partition (viewer)
         * @description Boxes by recursive coordinate bisection, with the edges cut. Answered at once when the cost estimate is small, else (or with `async=true`) queued as a job: 202 with `job_id` and `status_url`; the job's result is this same body. Every run is recorded in the operation history. Repeating a read on an unchanged lattice is answered from the knowledge cache (`cached: true`). 403 `plan_limit_exceeded` when the run would hold more vertices than the plan's `max_materialized_vertices` or the month's operations are spent; 429 past the plan's compute operations per minute; 422 with `errors` pointing at the body field for coordinates of the wrong length or out of range and for parameters the lattice cannot take.
         */
        post: operations["postLatticesIdPartition"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lattices/{id}/spectrum": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Smallest Laplacian eigenvalues (viewer)
         * @description Exact from the product structure of the grid; lattices without obstacles only (422 otherwise). Answered at once when the cost estimate is small, else (or with `async=true`) queued as a job: 202 with `job_id` and `status_url`; the job's result is this same body. Every run is recorded in the operation history. Repeating a read on an unchanged lattice is answered from the knowledge cache (`cached: true`). 403 `plan_limit_exceeded` when the run would hold more vertices than the plan's `max_materialized_vertices` or the month's operations are spent; 429 past the plan's compute operations per minute; 422 with `errors` pointing at the body field for coordinates of the wrong length or out of range and for parameters the lattice cannot take.
         */
        post: operations["postLatticesIdSpectrum"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lattices/path": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Shortest path, lattice named in the body (viewer; compat)
         * @description For old clients: the same as `POST /lattices/{id}/path` with the id as `lattice_id` in the body.
         */
        post: operations["postLatticesPath"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lattices/{id}/transform": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Transform the lattice's value field (member)
         * @description xor with a key (its own inverse; without `key`, the lattice's id is the key), rotate by quarter turns in a plane of equal sides, scale by a factor, or normalize to zero mean and unit variance. The field (materialised on first use, within the plan's limit) is stored as the lattice's next `version`, with the history row and an audit entry `lattice.transformed`, in one transaction; concurrent transforms of one lattice run one after another. Cached results of the lattice are invalidated. 422 listing the valid types for an unknown `transformation_type`. Answered at once when the cost estimate is small, else (or with `async=true`) queued as a job: 202 with `job_id` and `status_url`; the job's result is this same body. Every run is recorded in the operation history. Repeating a read on an unchanged lattice is answered from the knowledge cache (`cached: true`). 403 `plan_limit_exceeded` when the run would hold more vertices than the plan's `max_materialized_vertices` or the month's operations are spent; 429 past the plan's compute operations per minute; 422 with `errors` pointing at the body field for coordinates of the wrong length or out of range and for parameters the lattice cannot take.
         */
        post: operations["postLatticesIdTransform"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lattices/{id}/operations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The lattice's operation history (viewer)
         * @description Every run, newest first, synchronous or queued (a queued run shows its job and status until it finishes); `type` filters; paginated with `limit`, `cursor`, `Link` and `X-Total-Count`.
         */
        get: operations["getLatticesIdOperations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lattices/{id}/transformations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Transforms of the lattice (viewer; compat)
         * @description For old clients: `GET /lattices/{id}/operations?type=transform`.
         */
        get: operations["getLatticesIdTransformations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/gpu/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * GPU availability and routing thresholds (viewer)
         * @description The engine's real WebGPU probe in the answering process, and per operation the estimated work above which the router prefers the worker pool or the GPU. Without a GPU, `available` is false and operations asked to use it run on the CPU with a `fallback_reason`.
         */
        get: operations["getGpuStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This tenant's jobs, newest first */
        get: operations["getJobs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A job: status, progress, result or error */
        get: operations["getJobsId"];
        put?: never;
        post?: never;
        /** Cancel a queued or running job (a finished job is returned unchanged) */
        delete: operations["deleteJobsId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This month's usage next to the plan's limits */
        get: operations["getTenantsUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every tenant, newest first (platform administrator)
         * @description Platform administrators only (granted by the operator with `catalytic admin grant EMAIL`), with a bearer token. Paginated like every list (X-Total-Count, Link rel="next"), filtered by status.
         */
        get: operations["getAdminTenants"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/tenants/{id}/suspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Suspend a tenant (platform administrator)
         * @description Platform administrators only (granted by the operator with `catalytic admin grant EMAIL`), with a bearer token. From the next request on, on every node, the tenant's tokens and API keys are refused with 403 `account_disabled` and its users cannot log in; nothing is deleted. Suspending a suspended tenant changes nothing. An administrator cannot suspend their own tenant (409). Audited in the tenant's log as tenant.suspended, naming the administrator.
         */
        post: operations["postAdminTenantsIdSuspend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/tenants/{id}/reactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reactivate a suspended tenant (platform administrator)
         * @description Platform administrators only (granted by the operator with `catalytic admin grant EMAIL`), with a bearer token. Its tokens and API keys work again from the next request on, on every node. Audited as tenant.reactivated.
         */
        post: operations["postAdminTenantsIdReactivate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/tenants/{id}/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Move a tenant to another plan (platform administrator)
         * @description Platform administrators only (granted by the operator with `catalytic admin grant EMAIL`), with a bearer token. The new limits apply from the next request on, on every node. An unknown plan is 422. Audited as tenant.plan_changed, naming the administrator.
         */
        put: operations["putAdminTenantsIdPlan"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's webhook endpoints, newest first, without secrets */
        get: operations["getWebhooks"];
        put?: never;
        /**
         * Register a webhook endpoint (admin)
         * @description The signing secret (given, or `whsec_` + base64 of 32 random bytes) is in this response only; it is stored encrypted. The URL's host must resolve to public addresses only (422 names the reason). Each delivery is a POST of `{ id, type, event, timestamp, tenant_id, data }` signed the Standard Webhooks way: `webhook-id` (the event id, the same on every retry), `webhook-timestamp` (Unix seconds) and `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">` (two signatures, space-separated, while a rotated-out secret overlaps); old receivers also get `X-Webhook-Event` and `X-Webhook-Signature: sha256=<hex HMAC of the body>`. Only 2xx is success; retries back off exponentially with full jitter per `retry_config` and honour `Retry-After`; after the last retry the delivery is `dead`; a 410 disables the endpoint; redirects are not followed; an attempt times out after 15 s.
         */
        post: operations["postWebhooks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A webhook endpoint, without its secret */
        get: operations["getWebhooksId"];
        put?: never;
        post?: never;
        /** Delete a webhook endpoint and its deliveries (admin) */
        delete: operations["deleteWebhooksId"];
        options?: never;
        head?: never;
        /**
         * Change, pause or resume a webhook endpoint (admin)
         * @description `active: false` pauses: events still queue up for it and go out when it is resumed with `active: true`.
         */
        patch: operations["patchWebhooksId"];
        trace?: never;
    };
    "/api/v1/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the endpoint's signing secret (admin)
         * @description The new secret is in this response only. Until `previous_secret_expires_at` every delivery carries a signature with each secret, so receivers switch without missing one.
         */
        post: operations["postWebhooksIdRotateSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a webhook.test event to this endpoint (admin)
         * @description Queued like any event (202); follow it in the delivery log.
         */
        post: operations["postWebhooksIdTest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The endpoint's deliveries, newest first
         * @description Status, attempts, the last response code and error, and when the next attempt is due.
         */
        get: operations["getWebhooksIdDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries/{delivery_id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deliver again now (admin)
         * @description The delivery is due at once with the same `webhook-id`; a dead one gets one more attempt (dead again if it fails), a delivered one is sent again.
         */
        post: operations["postWebhooksIdDeliveriesDeliveryIdRetry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * Problem
         * @description RFC 9457 problem details
         */
        "def-0": {
            type: string;
            title: string;
            status: number;
            detail: string;
            code: string;
            request_id: string;
            errors?: {
                location: string;
                message: string;
            }[];
        } & {
            [key: string]: unknown;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getRoot: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        version: string;
                        links: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: "healthy" | "degraded" | "unhealthy";
                        version: string;
                        uptime_seconds: number;
                        checks: {
                            database: string;
                            redis: string;
                            queue: string;
                            gpu: string;
                        };
                        /** Format: date-time */
                        timestamp: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: "healthy" | "degraded" | "unhealthy";
                        version: string;
                        uptime_seconds: number;
                        checks: {
                            database: string;
                            redis: string;
                            queue: string;
                            gpu: string;
                        };
                        /** Format: date-time */
                        timestamp: string;
                    };
                };
            };
        };
    };
    getHealthLive: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "alive";
                    };
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getHealthReady: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: string;
                        /** @description The dependencies that do not answer */
                        unavailable?: string[];
                    };
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: string;
                        /** @description The dependencies that do not answer */
                        unavailable?: string[];
                    };
                };
            };
        };
    };
    getHealthDatabase: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        database: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        database: string;
                    };
                };
            };
        };
    };
    getHealthRedis: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        redis: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        redis: string;
                    };
                };
            };
        };
    };
    getWellKnownJwksJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        keys: {
                            [key: string]: string;
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postAuthRegister: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "ada@example.com",
                 *       "password": "Correct-Horse-42",
                 *       "name": "Ada Lovelace",
                 *       "company_name": "Analytical Engines"
                 *     }
                 */
                "application/json": {
                    /**
                     * Format: email
                     * @example ada@example.com
                     */
                    email: string;
                    /** @example Correct-Horse-42 */
                    password: string;
                    name?: string;
                    first_name?: string;
                    last_name?: string;
                    company_name?: string;
                    tenant_name?: string;
                    /**
                     * @example free
                     * @example starter
                     * @example pro
                     * @example enterprise
                     */
                    plan_code?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        id: string;
                        /** @description UUID (time-ordered v7) */
                        user_id: string;
                        email: string;
                        name: string;
                        role: "owner" | "admin" | "member" | "viewer";
                        /** @description UUID (time-ordered v7) */
                        tenant_id: string;
                        tenant_slug: string;
                        plan_code: string;
                        access_token: string;
                        refresh_token: string;
                        /** @enum {string} */
                        token_type: "bearer";
                        /** @description Access-token lifetime in seconds */
                        expires_in: number;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postAuthLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "ada@example.com",
                 *       "password": "Correct-Horse-42"
                 *     }
                 */
                "application/json": {
                    email: string;
                    /** @example Correct-Horse-42 */
                    password: string;
                    tenant_slug?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        access_token: string;
                        refresh_token: string;
                        /** @enum {string} */
                        token_type: "bearer";
                        /** @description Access-token lifetime in seconds */
                        expires_in: number;
                        user: {
                            /** @description UUID (time-ordered v7) */
                            id: string;
                            email: string;
                            name: string;
                            role: "owner" | "admin" | "member" | "viewer";
                            /** @description UUID (time-ordered v7) */
                            tenant_id: string;
                        };
                        tokens: {
                            access_token: string;
                            refresh_token: string;
                            /** @enum {string} */
                            token_type: "bearer";
                            /** @description Access-token lifetime in seconds */
                            expires_in: number;
                        };
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postAuthRefresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    refresh_token: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        access_token: string;
                        refresh_token: string;
                        /** @enum {string} */
                        token_type: "bearer";
                        /** @description Access-token lifetime in seconds */
                        expires_in: number;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postAuthLogout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postAuthVerify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    token: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        valid: boolean;
                        claims: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getAuthMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: {
                            /** @description UUID (time-ordered v7) */
                            id: string;
                            email: string;
                            name: string;
                            role: "owner" | "admin" | "member" | "viewer";
                            status: string;
                            email_verified: boolean;
                            /** Format: date-time */
                            created_at: string;
                        };
                        tenant: {
                            /** @description UUID (time-ordered v7) */
                            id: string;
                            name: string;
                            slug: string;
                            status: string;
                            plan_code: string;
                        };
                        plan: {
                            code: string;
                            name: string;
                        };
                        limits: {
                            lattices: number;
                            max_dimensions: number;
                            max_size: number;
                            max_materialized_vertices: number;
                            requests_per_minute: number;
                            compute_per_minute: number;
                            monthly_operations: number;
                            gpu_allowed: boolean;
                        };
                        auth: {
                            method: "bearer" | "api_key";
                            scopes: string[];
                        };
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postAuthPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postAuthPasswordResetConfirm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    token: string;
                    /** @example Correct-Horse-42 */
                    new_password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postAuthVerifyEmail: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    token: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postAuthAcceptInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    token: string;
                    /** @example Correct-Horse-42 */
                    password: string;
                    name?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        access_token: string;
                        refresh_token: string;
                        /** @enum {string} */
                        token_type: "bearer";
                        /** @description Access-token lifetime in seconds */
                        expires_in: number;
                        user: {
                            /** @description UUID (time-ordered v7) */
                            id: string;
                            email: string;
                            name: string;
                            role: "owner" | "admin" | "member" | "viewer";
                            /** @description UUID (time-ordered v7) */
                            tenant_id: string;
                        };
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getTenantsCurrent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01920c8e-7b2a-7c3d-9e4f-5a6b7c8d9e0f",
                     *       "name": "Acme Research",
                     *       "slug": "acme-research",
                     *       "plan_code": "free",
                     *       "plan_name": "Free",
                     *       "status": "active",
                     *       "limits": {
                     *         "lattices": 5,
                     *         "max_dimensions": 4,
                     *         "max_size": 1000,
                     *         "max_materialized_vertices": 1000000,
                     *         "requests_per_minute": 120,
                     *         "compute_per_minute": 10,
                     *         "monthly_operations": 1000,
                     *         "gpu_allowed": false
                     *       },
                     *       "created_at": "2025-01-15T09:30:00.000Z",
                     *       "updated_at": "2025-01-15T09:30:00.000Z"
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        id: string;
                        name: string;
                        /** @description Stable, URL-safe handle, chosen at registration */
                        slug: string;
                        plan_code: string;
                        plan_name: string;
                        /** @enum {string} */
                        status: "active" | "suspended";
                        limits: {
                            /** @description Lattices the tenant may keep; -1 means unlimited */
                            lattices: number;
                            /** @description Dimensions a lattice may have; -1 means unlimited */
                            max_dimensions: number;
                            /** @description Points per side of a lattice; -1 means unlimited */
                            max_size: number;
                            /** @description Vertices one operation may materialise; -1 means unlimited */
                            max_materialized_vertices: number;
                            /** @description API requests per minute; -1 means unlimited */
                            requests_per_minute: number;
                            /** @description Compute operations (path, transform, analyze, ...) per minute; -1 means unlimited */
                            compute_per_minute: number;
                            /** @description Operations per calendar month; -1 means unlimited */
                            monthly_operations: number;
                            /** @description Whether operations may run on a GPU */
                            gpu_allowed: boolean;
                        };
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        updated_at: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    patchTenantsCurrent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Acme Research Lab"
                 *     }
                 */
                "application/json": {
                    /** @description New display name of the tenant */
                    name: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01920c8e-7b2a-7c3d-9e4f-5a6b7c8d9e0f",
                     *       "name": "Acme Research",
                     *       "slug": "acme-research",
                     *       "plan_code": "free",
                     *       "plan_name": "Free",
                     *       "status": "active",
                     *       "limits": {
                     *         "lattices": 5,
                     *         "max_dimensions": 4,
                     *         "max_size": 1000,
                     *         "max_materialized_vertices": 1000000,
                     *         "requests_per_minute": 120,
                     *         "compute_per_minute": 10,
                     *         "monthly_operations": 1000,
                     *         "gpu_allowed": false
                     *       },
                     *       "created_at": "2025-01-15T09:30:00.000Z",
                     *       "updated_at": "2025-01-15T09:30:00.000Z"
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        id: string;
                        name: string;
                        /** @description Stable, URL-safe handle, chosen at registration */
                        slug: string;
                        plan_code: string;
                        plan_name: string;
                        /** @enum {string} */
                        status: "active" | "suspended";
                        limits: {
                            /** @description Lattices the tenant may keep; -1 means unlimited */
                            lattices: number;
                            /** @description Dimensions a lattice may have; -1 means unlimited */
                            max_dimensions: number;
                            /** @description Points per side of a lattice; -1 means unlimited */
                            max_size: number;
                            /** @description Vertices one operation may materialise; -1 means unlimited */
                            max_materialized_vertices: number;
                            /** @description API requests per minute; -1 means unlimited */
                            requests_per_minute: number;
                            /** @description Compute operations (path, transform, analyze, ...) per minute; -1 means unlimited */
                            compute_per_minute: number;
                            /** @description Operations per calendar month; -1 means unlimited */
                            monthly_operations: number;
                            /** @description Whether operations may run on a GPU */
                            gpu_allowed: boolean;
                        };
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        updated_at: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    putTenantsSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "plan_code": "pro"
                 *     }
                 */
                "application/json": {
                    /** @description free, starter, pro (alias professional) or enterprise; an unknown code is 422 */
                    plan_code: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01920c8e-7b2a-7c3d-9e4f-5a6b7c8d9e0f",
                     *       "name": "Acme Research",
                     *       "slug": "acme-research",
                     *       "plan_code": "free",
                     *       "plan_name": "Free",
                     *       "status": "active",
                     *       "limits": {
                     *         "lattices": 5,
                     *         "max_dimensions": 4,
                     *         "max_size": 1000,
                     *         "max_materialized_vertices": 1000000,
                     *         "requests_per_minute": 120,
                     *         "compute_per_minute": 10,
                     *         "monthly_operations": 1000,
                     *         "gpu_allowed": false
                     *       },
                     *       "created_at": "2025-01-15T09:30:00.000Z",
                     *       "updated_at": "2025-01-15T09:30:00.000Z"
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        id: string;
                        name: string;
                        /** @description Stable, URL-safe handle, chosen at registration */
                        slug: string;
                        plan_code: string;
                        plan_name: string;
                        /** @enum {string} */
                        status: "active" | "suspended";
                        limits: {
                            /** @description Lattices the tenant may keep; -1 means unlimited */
                            lattices: number;
                            /** @description Dimensions a lattice may have; -1 means unlimited */
                            max_dimensions: number;
                            /** @description Points per side of a lattice; -1 means unlimited */
                            max_size: number;
                            /** @description Vertices one operation may materialise; -1 means unlimited */
                            max_materialized_vertices: number;
                            /** @description API requests per minute; -1 means unlimited */
                            requests_per_minute: number;
                            /** @description Compute operations (path, transform, analyze, ...) per minute; -1 means unlimited */
                            compute_per_minute: number;
                            /** @description Operations per calendar month; -1 means unlimited */
                            monthly_operations: number;
                            /** @description Whether operations may run on a GPU */
                            gpu_allowed: boolean;
                        };
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        updated_at: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getTenantsUsers: {
        parameters: {
            query: {
                limit: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of users, oldest first */
            200: {
                headers: {
                    /** @description Items matching the filters across all pages */
                    "X-Total-Count"?: number;
                    /** @description RFC 8288 link to the next page (rel="next"); absent on the last page */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        id: string;
                        /** Format: email */
                        email: string;
                        name: string;
                        /**
                         * @description owner ⊃ admin ⊃ member (read and write) ⊃ viewer (read only)
                         * @enum {string}
                         */
                        role: "owner" | "admin" | "member" | "viewer";
                        /** @enum {string} */
                        status: "active" | "invited" | "deactivated";
                        email_verified: boolean;
                        last_login_at: string | null;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        updated_at: string;
                    }[];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postTenantsUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "ada@example.com",
                 *       "role": "member"
                 *     }
                 */
                "application/json": {
                    /** Format: email */
                    email: string;
                    /**
                     * @description Role the user gets on accepting; owners are made by promotion, never by invitation
                     * @enum {string}
                     */
                    role: "admin" | "member" | "viewer";
                    /** @description Display name; defaults to the part of the email before @ */
                    name?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01920c8f-0a1b-7c2d-8e3f-4a5b6c7d8e9f",
                     *       "email": "ada@example.com",
                     *       "name": "ada",
                     *       "role": "member",
                     *       "status": "invited",
                     *       "email_verified": false,
                     *       "last_login_at": null,
                     *       "created_at": "2025-01-15T09:30:00.000Z",
                     *       "updated_at": "2025-01-15T09:30:00.000Z"
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        id: string;
                        /** Format: email */
                        email: string;
                        name: string;
                        /**
                         * @description owner ⊃ admin ⊃ member (read and write) ⊃ viewer (read only)
                         * @enum {string}
                         */
                        role: "owner" | "admin" | "member" | "viewer";
                        /** @enum {string} */
                        status: "active" | "invited" | "deactivated";
                        email_verified: boolean;
                        last_login_at: string | null;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        updated_at: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    deleteTenantsUsersId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    patchTenantsUsersId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Only an owner may grant owner or change an owner
                     * @enum {string}
                     */
                    role?: "owner" | "admin" | "member" | "viewer";
                    /**
                     * @description deactivated signs the user out everywhere at once; active re-enables a deactivated user
                     * @enum {string}
                     */
                    status?: "active" | "deactivated";
                    /** @description Display name */
                    name?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01920c8f-0a1b-7c2d-8e3f-4a5b6c7d8e9f",
                     *       "email": "ada@example.com",
                     *       "name": "ada",
                     *       "role": "member",
                     *       "status": "invited",
                     *       "email_verified": false,
                     *       "last_login_at": null,
                     *       "created_at": "2025-01-15T09:30:00.000Z",
                     *       "updated_at": "2025-01-15T09:30:00.000Z"
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        id: string;
                        /** Format: email */
                        email: string;
                        name: string;
                        /**
                         * @description owner ⊃ admin ⊃ member (read and write) ⊃ viewer (read only)
                         * @enum {string}
                         */
                        role: "owner" | "admin" | "member" | "viewer";
                        /** @enum {string} */
                        status: "active" | "invited" | "deactivated";
                        email_verified: boolean;
                        last_login_at: string | null;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        updated_at: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getTenantsApiKeys: {
        parameters: {
            query: {
                limit: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of API keys, newest first */
            200: {
                headers: {
                    /** @description Items matching the filters across all pages */
                    "X-Total-Count"?: number;
                    /** @description RFC 8288 link to the next page (rel="next"); absent on the last page */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        id: string;
                        name: string;
                        /** @description The 8 characters after clc_: identifies a key without revealing it */
                        prefix: string;
                        scopes: ("read" | "write" | "admin")[];
                        created_by: string | null;
                        expires_at: string | null;
                        /** @description Updated at most once a minute */
                        last_used_at: string | null;
                        revoked_at: string | null;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        created_at: string;
                    }[];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postTenantsApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "CI pipeline",
                 *       "scopes": [
                 *         "read",
                 *         "write"
                 *       ],
                 *       "expires_in_days": 90
                 *     }
                 */
                "application/json": {
                    name: string;
                    scopes: ("read" | "write" | "admin")[];
                    /** @description Omit for a key that does not expire */
                    expires_in_days?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01920c90-1c2d-7e3f-8a4b-5c6d7e8f9a0b",
                     *       "name": "CI pipeline",
                     *       "prefix": "k3x9q2ma",
                     *       "scopes": [
                     *         "read",
                     *         "write"
                     *       ],
                     *       "created_by": "01920c8f-0a1b-7c2d-8e3f-4a5b6c7d8e9f",
                     *       "expires_at": "2025-04-15T09:30:00.000Z",
                     *       "last_used_at": null,
                     *       "revoked_at": null,
                     *       "created_at": "2025-01-15T09:30:00.000Z",
                     *       "key": "clc_k3x9q2ma_Vq3jH0cFz8mR1tY6uW2eP4sL9kN7bX5dA0gJ3hQ8iZ1"
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        id: string;
                        name: string;
                        /** @description The 8 characters after clc_: identifies a key without revealing it */
                        prefix: string;
                        scopes: ("read" | "write" | "admin")[];
                        created_by: string | null;
                        expires_at: string | null;
                        /** @description Updated at most once a minute */
                        last_used_at: string | null;
                        revoked_at: string | null;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        created_at: string;
                        /** @description The full key, clc_<prefix>_<secret>. Shown only in this response */
                        key: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    deleteTenantsApiKeysId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getPlans: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example [
                     *       {
                     *         "code": "free",
                     *         "name": "Free",
                     *         "limits": {
                     *           "lattices": 5,
                     *           "max_dimensions": 4,
                     *           "max_size": 1000,
                     *           "max_materialized_vertices": 1000000,
                     *           "requests_per_minute": 120,
                     *           "compute_per_minute": 10,
                     *           "monthly_operations": 1000,
                     *           "gpu_allowed": false
                     *         }
                     *       }
                     *     ]
                     */
                    "application/json": {
                        /** @description Plan code used by registration and PUT /tenants/subscription */
                        code: string;
                        name: string;
                        limits: {
                            /** @description Lattices the tenant may keep; -1 means unlimited */
                            lattices: number;
                            /** @description Dimensions a lattice may have; -1 means unlimited */
                            max_dimensions: number;
                            /** @description Points per side of a lattice; -1 means unlimited */
                            max_size: number;
                            /** @description Vertices one operation may materialise; -1 means unlimited */
                            max_materialized_vertices: number;
                            /** @description API requests per minute; -1 means unlimited */
                            requests_per_minute: number;
                            /** @description Compute operations (path, transform, analyze, ...) per minute; -1 means unlimited */
                            compute_per_minute: number;
                            /** @description Operations per calendar month; -1 means unlimited */
                            monthly_operations: number;
                            /** @description Whether operations may run on a GPU */
                            gpu_allowed: boolean;
                        };
                    }[];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getAuditLogs: {
        parameters: {
            query: {
                limit: number;
                cursor?: string;
                /** @description Exact action, e.g. user.invited */
                action?: string;
                /** @description UUID (time-ordered v7) */
                actor_id?: string;
                /** @description Entries at or after this time */
                since?: string;
                /** @description Entries at or before this time */
                until?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of audit entries, newest first */
            200: {
                headers: {
                    /** @description Items matching the filters across all pages */
                    "X-Total-Count"?: number;
                    /** @description RFC 8288 link to the next page (rel="next"); absent on the last page */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        id: string;
                        /** @description The user or API key that acted; null for the system */
                        actor_id: string | null;
                        /** @enum {string} */
                        actor_type: "user" | "api_key" | "system";
                        /** @description e.g. user.invited, user.updated, api_key.created, tenant.plan_changed */
                        action: string;
                        target_type: string | null;
                        target_id: string | null;
                        details: {
                            [key: string]: unknown;
                        };
                        ip: string | null;
                        request_id: string | null;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        created_at: string;
                    }[];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getLattices: {
        parameters: {
            query: {
                limit: number;
                cursor?: string;
                /** @description Case-insensitive substring of the name */
                name?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of lattices, newest first */
            200: {
                headers: {
                    /** @description Items matching the filters across all pages */
                    "X-Total-Count"?: number;
                    /** @description RFC 8288 link to the next page (rel="next"); absent on the last page */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example [
                     *       {
                     *         "id": "01920c91-2d3e-7f40-9b5c-6d7e8f9a0b1c",
                     *         "tenant_id": "01920c8e-7b2a-7c3d-9e4f-5a6b7c8d9e0f",
                     *         "name": "Heat sink 3D",
                     *         "dimensions": 3,
                     *         "size": 100,
                     *         "shape": [
                     *           100,
                     *           100,
                     *           100
                     *         ],
                     *         "boundary": "open",
                     *         "vertices": 1000000,
                     *         "edges": 2970000,
                     *         "obstacles": null,
                     *         "memory": {
                     *           "implicit_bytes": 48,
                     *           "explicit_csr_bytes": 31760008,
                     *           "reduction_factor": 661666.8333333334
                     *         },
                     *         "metadata": {
                     *           "project": "cooling"
                     *         },
                     *         "description": null,
                     *         "allow_cpu_fallback": true,
                     *         "version": 1,
                     *         "created_at": "2025-01-15T09:30:00.000Z",
                     *         "updated_at": "2025-01-15T09:30:00.000Z"
                     *       }
                     *     ]
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        id: string;
                        /** @description UUID (time-ordered v7) */
                        tenant_id: string;
                        name: string;
                        dimensions: number;
                        /** @description The side length when all sides are equal, else null (see shape) */
                        size: number | null;
                        shape: number[];
                        /** @description open: sides end; periodic: each side wraps around (a torus) */
                        boundary: "open" | "periodic";
                        /** @description Exact, ≤ 2^53 − 1 */
                        vertices: number;
                        /** @description Edges of the grid without obstacles, exact; analyze counts those between free vertices */
                        edges: number;
                        obstacles: null | {
                            /** @description Fraction of vertices blocked, in [0, 1) */
                            density: number;
                            /** @description Chooses which vertices; 0 when omitted */
                            seed?: number;
                        } | {
                            coordinates: number[][];
                        };
                        /** @description Computed by the engine when the lattice was created */
                        memory: {
                            /** @description Bytes this service holds for the lattice definition */
                            implicit_bytes: number;
                            /** @description Bytes an explicit CSR adjacency would take: (V+1)·8 + 2E·4 (·8 past 2^32 vertices) */
                            explicit_csr_bytes: number;
                            /** @description explicit_csr_bytes / implicit_bytes */
                            reduction_factor: number;
                        };
                        /** @description Free-form JSON object, at most 16 KB serialised */
                        metadata: {
                            [key: string]: unknown;
                        };
                        /** @description As sent at creation; null when none was */
                        description: string | null;
                        /** @description false: GPU-requiring operations answer 409 where no GPU can be used */
                        allow_cpu_fallback: boolean;
                        /** @description Starts at 1; each change of the value field (a transform) adds 1. Renaming does not. */
                        version: number;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        updated_at: string;
                        field_type?: string;
                        geometry?: string;
                        enable_gpu?: boolean;
                    }[];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postLattices: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Give `shape`, or `dimensions` and `size`. Vertex and edge counts must stay ≤ 2^53 − 1; plan limits cap dimensions, size per side and the number of lattices. */
        requestBody: {
            content: {
                "application/json": {
                    /** @description Letters (any script), digits, spaces and _-.,:()#+; surrounding spaces are trimmed */
                    name?: string;
                    /**
                     * @description Number of dimensions, an integer from 1 to 10, with `size`. Old clients send the list of sides here instead (1 to 10 integers ≥ 2); it then means `shape`.
                     * @example 3
                     * @example [
                     *       10,
                     *       20,
                     *       30
                     *     ]
                     */
                    dimensions?: unknown;
                    /** @description Points along one side, ≥ 2 */
                    size?: number;
                    /** @description Sides per dimension; instead of dimensions and size */
                    shape?: number[];
                    /** @description open: sides end; periodic: each side wraps around (a torus) */
                    boundary?: "open" | "periodic";
                    /** @description `{ density, seed }`, or blocked coordinates as a list (or as `{ coordinates }`) */
                    obstacles?: null | {
                        /** @description Fraction of vertices blocked, in [0, 1) */
                        density: number;
                        /** @description Chooses which vertices; 0 when omitted */
                        seed?: number;
                    } | {
                        coordinates: number[][];
                    } | number[][];
                    /** @description Free-form JSON object, at most 16 KB serialised */
                    metadata?: {
                        [key: string]: unknown;
                    };
                    /** @description Free text, at most 1000 characters; stored and returned as given */
                    description?: string;
                    /**
                     * @description false: an operation that asks for the GPU (`use_gpu: true`, or without `use_gpu` on a lattice created with `enable_gpu: true`) answers 409 with the reason when no GPU can be used, instead of running on the CPU
                     * @default true
                     */
                    allow_cpu_fallback?: boolean;
                    /** @description Stored and echoed for old clients; not interpreted */
                    field_type?: string;
                    /** @description Stored and echoed for old clients; not interpreted */
                    geometry?: string;
                    /** @description Stored and echoed for old clients; operations choose the GPU per request, except that with `allow_cpu_fallback: false` it stands for `use_gpu: true` where a request does not say */
                    enable_gpu?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01920c91-2d3e-7f40-9b5c-6d7e8f9a0b1c",
                     *       "tenant_id": "01920c8e-7b2a-7c3d-9e4f-5a6b7c8d9e0f",
                     *       "name": "Heat sink 3D",
                     *       "dimensions": 3,
                     *       "size": 100,
                     *       "shape": [
                     *         100,
                     *         100,
                     *         100
                     *       ],
                     *       "boundary": "open",
                     *       "vertices": 1000000,
                     *       "edges": 2970000,
                     *       "obstacles": null,
                     *       "memory": {
                     *         "implicit_bytes": 48,
                     *         "explicit_csr_bytes": 31760008,
                     *         "reduction_factor": 661666.8333333334
                     *       },
                     *       "metadata": {
                     *         "project": "cooling"
                     *       },
                     *       "description": null,
                     *       "allow_cpu_fallback": true,
                     *       "version": 1,
                     *       "created_at": "2025-01-15T09:30:00.000Z",
                     *       "updated_at": "2025-01-15T09:30:00.000Z"
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        id: string;
                        /** @description UUID (time-ordered v7) */
                        tenant_id: string;
                        name: string;
                        dimensions: number;
                        /** @description The side length when all sides are equal, else null (see shape) */
                        size: number | null;
                        shape: number[];
                        /** @description open: sides end; periodic: each side wraps around (a torus) */
                        boundary: "open" | "periodic";
                        /** @description Exact, ≤ 2^53 − 1 */
                        vertices: number;
                        /** @description Edges of the grid without obstacles, exact; analyze counts those between free vertices */
                        edges: number;
                        obstacles: null | {
                            /** @description Fraction of vertices blocked, in [0, 1) */
                            density: number;
                            /** @description Chooses which vertices; 0 when omitted */
                            seed?: number;
                        } | {
                            coordinates: number[][];
                        };
                        /** @description Computed by the engine when the lattice was created */
                        memory: {
                            /** @description Bytes this service holds for the lattice definition */
                            implicit_bytes: number;
                            /** @description Bytes an explicit CSR adjacency would take: (V+1)·8 + 2E·4 (·8 past 2^32 vertices) */
                            explicit_csr_bytes: number;
                            /** @description explicit_csr_bytes / implicit_bytes */
                            reduction_factor: number;
                        };
                        /** @description Free-form JSON object, at most 16 KB serialised */
                        metadata: {
                            [key: string]: unknown;
                        };
                        /** @description As sent at creation; null when none was */
                        description: string | null;
                        /** @description false: GPU-requiring operations answer 409 where no GPU can be used */
                        allow_cpu_fallback: boolean;
                        /** @description Starts at 1; each change of the value field (a transform) adds 1. Renaming does not. */
                        version: number;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        updated_at: string;
                        field_type?: string;
                        geometry?: string;
                        enable_gpu?: boolean;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getLatticesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01920c91-2d3e-7f40-9b5c-6d7e8f9a0b1c",
                     *       "tenant_id": "01920c8e-7b2a-7c3d-9e4f-5a6b7c8d9e0f",
                     *       "name": "Heat sink 3D",
                     *       "dimensions": 3,
                     *       "size": 100,
                     *       "shape": [
                     *         100,
                     *         100,
                     *         100
                     *       ],
                     *       "boundary": "open",
                     *       "vertices": 1000000,
                     *       "edges": 2970000,
                     *       "obstacles": null,
                     *       "memory": {
                     *         "implicit_bytes": 48,
                     *         "explicit_csr_bytes": 31760008,
                     *         "reduction_factor": 661666.8333333334
                     *       },
                     *       "metadata": {
                     *         "project": "cooling"
                     *       },
                     *       "description": null,
                     *       "allow_cpu_fallback": true,
                     *       "version": 1,
                     *       "created_at": "2025-01-15T09:30:00.000Z",
                     *       "updated_at": "2025-01-15T09:30:00.000Z"
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        id: string;
                        /** @description UUID (time-ordered v7) */
                        tenant_id: string;
                        name: string;
                        dimensions: number;
                        /** @description The side length when all sides are equal, else null (see shape) */
                        size: number | null;
                        shape: number[];
                        /** @description open: sides end; periodic: each side wraps around (a torus) */
                        boundary: "open" | "periodic";
                        /** @description Exact, ≤ 2^53 − 1 */
                        vertices: number;
                        /** @description Edges of the grid without obstacles, exact; analyze counts those between free vertices */
                        edges: number;
                        obstacles: null | {
                            /** @description Fraction of vertices blocked, in [0, 1) */
                            density: number;
                            /** @description Chooses which vertices; 0 when omitted */
                            seed?: number;
                        } | {
                            coordinates: number[][];
                        };
                        /** @description Computed by the engine when the lattice was created */
                        memory: {
                            /** @description Bytes this service holds for the lattice definition */
                            implicit_bytes: number;
                            /** @description Bytes an explicit CSR adjacency would take: (V+1)·8 + 2E·4 (·8 past 2^32 vertices) */
                            explicit_csr_bytes: number;
                            /** @description explicit_csr_bytes / implicit_bytes */
                            reduction_factor: number;
                        };
                        /** @description Free-form JSON object, at most 16 KB serialised */
                        metadata: {
                            [key: string]: unknown;
                        };
                        /** @description As sent at creation; null when none was */
                        description: string | null;
                        /** @description false: GPU-requiring operations answer 409 where no GPU can be used */
                        allow_cpu_fallback: boolean;
                        /** @description Starts at 1; each change of the value field (a transform) adds 1. Renaming does not. */
                        version: number;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        updated_at: string;
                        field_type?: string;
                        geometry?: string;
                        enable_gpu?: boolean;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    deleteLatticesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    patchLatticesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Heat sink 3D (v2)",
                 *       "metadata": {
                 *         "project": "cooling",
                 *         "reviewed": true
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description Letters (any script), digits, spaces and _-.,:()#+; surrounding spaces are trimmed */
                    name?: string;
                    /** @description Replaces the stored metadata as a whole */
                    metadata?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01920c91-2d3e-7f40-9b5c-6d7e8f9a0b1c",
                     *       "tenant_id": "01920c8e-7b2a-7c3d-9e4f-5a6b7c8d9e0f",
                     *       "name": "Heat sink 3D",
                     *       "dimensions": 3,
                     *       "size": 100,
                     *       "shape": [
                     *         100,
                     *         100,
                     *         100
                     *       ],
                     *       "boundary": "open",
                     *       "vertices": 1000000,
                     *       "edges": 2970000,
                     *       "obstacles": null,
                     *       "memory": {
                     *         "implicit_bytes": 48,
                     *         "explicit_csr_bytes": 31760008,
                     *         "reduction_factor": 661666.8333333334
                     *       },
                     *       "metadata": {
                     *         "project": "cooling"
                     *       },
                     *       "description": null,
                     *       "allow_cpu_fallback": true,
                     *       "version": 1,
                     *       "created_at": "2025-01-15T09:30:00.000Z",
                     *       "updated_at": "2025-01-15T09:30:00.000Z"
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        id: string;
                        /** @description UUID (time-ordered v7) */
                        tenant_id: string;
                        name: string;
                        dimensions: number;
                        /** @description The side length when all sides are equal, else null (see shape) */
                        size: number | null;
                        shape: number[];
                        /** @description open: sides end; periodic: each side wraps around (a torus) */
                        boundary: "open" | "periodic";
                        /** @description Exact, ≤ 2^53 − 1 */
                        vertices: number;
                        /** @description Edges of the grid without obstacles, exact; analyze counts those between free vertices */
                        edges: number;
                        obstacles: null | {
                            /** @description Fraction of vertices blocked, in [0, 1) */
                            density: number;
                            /** @description Chooses which vertices; 0 when omitted */
                            seed?: number;
                        } | {
                            coordinates: number[][];
                        };
                        /** @description Computed by the engine when the lattice was created */
                        memory: {
                            /** @description Bytes this service holds for the lattice definition */
                            implicit_bytes: number;
                            /** @description Bytes an explicit CSR adjacency would take: (V+1)·8 + 2E·4 (·8 past 2^32 vertices) */
                            explicit_csr_bytes: number;
                            /** @description explicit_csr_bytes / implicit_bytes */
                            reduction_factor: number;
                        };
                        /** @description Free-form JSON object, at most 16 KB serialised */
                        metadata: {
                            [key: string]: unknown;
                        };
                        /** @description As sent at creation; null when none was */
                        description: string | null;
                        /** @description false: GPU-requiring operations answer 409 where no GPU can be used */
                        allow_cpu_fallback: boolean;
                        /** @description Starts at 1; each change of the value field (a transform) adds 1. Renaming does not. */
                        version: number;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        updated_at: string;
                        field_type?: string;
                        geometry?: string;
                        enable_gpu?: boolean;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postLatticesIdPath: {
        parameters: {
            query?: {
                /** @description true: always run as a job (202). false: answer now, 422 when the estimated work is over the synchronous limit (SYNC_MAX_WORK), its predicted time over the synchronous deadline (SYNC_DEADLINE_MS), or the run overruns that deadline. Absent: answer now when the estimate is small, else a job; a run that overruns the deadline is stopped and becomes a job (202). Heavy runs use the engine worker pool, never the API event loop. 413 when its buffers could never fit the operation memory budget (OPERATION_MEMORY_BUDGET_BYTES). */
                async?: boolean;
            };
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
            };
            cookie?: never;
        };
        /** @description A shortest path between two vertices around obstacles */
        requestBody: {
            content: {
                "application/json": {
                    /** @description One integer per dimension of the lattice, each in [0, side) */
                    start: number[];
                    /** @description One integer per dimension of the lattice, each in [0, side) */
                    end: number[];
                    /**
                     * @description auto (default): closed form without obstacles, A* with them
                     * @enum {string}
                     */
                    algorithm?: "auto" | "closed_form" | "bfs" | "bidirectional" | "astar" | "dijkstra";
                    /** @description Most vertices listed in path (default and cap 100000); hops is always complete */
                    max_path_length?: number;
                    /** @description Ask for the GPU. Honoured when the plan allows GPU use and a WebGPU adapter exists; otherwise the operation runs on the CPU and `fallback_reason` says why (never an error). */
                    use_gpu?: boolean;
                };
            };
        };
        responses: {
            /** @description A shortest path; 200 with path null and reachable false when obstacles cut the end off */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "operation_id": "01920c93-5a1b-7c2d-8e3f-4a5b6c7d8e9f",
                     *       "lattice_id": "01920c91-2d3e-7f40-9b5c-6d7e8f9a0b1c",
                     *       "operation": "path",
                     *       "path": [
                     *         [
                     *           0,
                     *           0
                     *         ],
                     *         [
                     *           0,
                     *           1
                     *         ],
                     *         [
                     *           1,
                     *           1
                     *         ]
                     *       ],
                     *       "reachable": true,
                     *       "distance": 2,
                     *       "hops": 2,
                     *       "algorithm": "closed_form",
                     *       "visited": 0,
                     *       "path_truncated": false,
                     *       "execution_time_ms": 0.42,
                     *       "backend": "cpu",
                     *       "gpu_used": false,
                     *       "cached": false
                     *     }
                     */
                    "application/json": {
                        /** @description Its row in GET /lattices/{id}/operations */
                        operation_id: string;
                        /** @description UUID (time-ordered v7) */
                        lattice_id: string;
                        operation: string;
                        /** @description Engine time; for a cached answer, the lookup */
                        execution_time_ms: number;
                        /**
                         * @description Where it ran: one thread, the worker-thread pool, or WebGPU
                         * @enum {string}
                         */
                        backend: "cpu" | "cpu-pool" | "gpu";
                        gpu_used: boolean;
                        /** @description true when the knowledge cache answered (same lattice version, operation and parameters) */
                        cached: boolean;
                        /** @description Present when use_gpu was asked for and the GPU was not used: why */
                        fallback_reason?: string;
                        /** @description Vertices from start to end; null when unreachable */
                        path: number[][] | null;
                        reachable: boolean;
                        /** @description Hops (Dijkstra: summed costs); null when unreachable */
                        distance: number | null;
                        hops: number | null;
                        /** @description The algorithm that ran */
                        algorithm: string;
                        /** @description Vertices the search labelled */
                        visited: number;
                        /** @description true when path lists only the first max_path_length vertices */
                        path_truncated: boolean;
                    };
                };
            };
            /** @description Queued as a job (large, or async=true) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "job_id": "01920c94-1b2c-7d3e-8f40-5b6c7d8e9fa0",
                     *       "status_url": "/api/v1/jobs/01920c94-1b2c-7d3e-8f40-5b6c7d8e9fa0",
                     *       "operation_id": "01920c93-5a1b-7c2d-8e3f-4a5b6c7d8e9f"
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        job_id: string;
                        /** @description GET it for status, progress and, once succeeded, the same result a synchronous answer gives */
                        status_url: string;
                        /** @description UUID (time-ordered v7) */
                        operation_id: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postLatticesIdDistances: {
        parameters: {
            query?: {
                /** @description true: always run as a job (202). false: answer now, 422 when the estimated work is over the synchronous limit (SYNC_MAX_WORK), its predicted time over the synchronous deadline (SYNC_DEADLINE_MS), or the run overruns that deadline. Absent: answer now when the estimate is small, else a job; a run that overruns the deadline is stopped and becomes a job (202). Heavy runs use the engine worker pool, never the API event loop. 413 when its buffers could never fit the operation memory budget (OPERATION_MEMORY_BUDGET_BYTES). */
                async?: boolean;
            };
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
            };
            cookie?: never;
        };
        /** @description A BFS distance field from the nearest of the sources */
        requestBody: {
            content: {
                "application/json": {
                    /** @description 1–1000 source vertices */
                    sources: number[][];
                    /** @description Stop past this many hops; farther vertices count as unreached */
                    max_distance?: number;
                    /** @description Catalytic mode: the BFS keeps its queue in the lattice's stored value field (its work tape, materialised first when the lattice has none) and hands it back bit for bit; the answer's `catalytic` reports the clean memory used beside a normal BFS's and the tape's checksums taken before and after. Same distances. Runs on the calling thread, so only small fields are answered at once; larger ones run as a job */
                    catalytic?: boolean;
                    /** @description Ask for the GPU. Honoured when the plan allows GPU use and a WebGPU adapter exists; otherwise the operation runs on the CPU and `fallback_reason` says why (never an error). */
                    use_gpu?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Its row in GET /lattices/{id}/operations */
                        operation_id: string;
                        /** @description UUID (time-ordered v7) */
                        lattice_id: string;
                        operation: string;
                        /** @description Engine time; for a cached answer, the lookup */
                        execution_time_ms: number;
                        /**
                         * @description Where it ran: one thread, the worker-thread pool, or WebGPU
                         * @enum {string}
                         */
                        backend: "cpu" | "cpu-pool" | "gpu";
                        gpu_used: boolean;
                        /** @description true when the knowledge cache answered (same lattice version, operation and parameters) */
                        cached: boolean;
                        /** @description Present when use_gpu was asked for and the GPU was not used: why */
                        fallback_reason?: string;
                        sources: number[][];
                        reached: number;
                        /** @description Free vertices without a distance */
                        unreached: number;
                        /** @description Obstacle vertices */
                        blocked: number;
                        max_distance: number;
                        mean_distance: number;
                        /** @description histogram[h]: vertices at distance h (first 10 000 buckets) */
                        histogram: number[];
                        histogram_truncated: boolean;
                        /** @description The sources' eccentricities */
                        eccentricity: {
                            min: number;
                            max: number;
                            mean: number;
                        } | null;
                        /** @description closed_form, separable_transform, bfs, or catalytic_bfs in catalytic mode */
                        method: string;
                        /** @description Catalytic mode only: the tape it borrowed and the proof that it was handed back intact */
                        catalytic?: {
                            /** @description Bytes of the borrowed work tape (the lattice's value field) */
                            tape_bytes: number;
                            /** @description Of them, the bytes the BFS queue used */
                            tape_bytes_used: number;
                            /** @description Clean (freshly allocated) bytes this run used: the distances and the histogram */
                            clean_bytes: number;
                            /** @description Clean bytes a normal queue BFS needs for the same answer: distances, a queue of V, the obstacle bitset, the histogram */
                            normal_clean_bytes: number;
                            /** @description Checksum of the tape taken before the run */
                            checksum_before: string;
                            /** @description Checksum of the tape taken after the run */
                            checksum_after: string;
                            /** @description checksum_after === checksum_before: computed, not assumed */
                            restored: boolean;
                        };
                    };
                    "application/octet-stream": string;
                };
            };
            /** @description Queued as a job (large, or async=true) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "job_id": "01920c94-1b2c-7d3e-8f40-5b6c7d8e9fa0",
                     *       "status_url": "/api/v1/jobs/01920c94-1b2c-7d3e-8f40-5b6c7d8e9fa0",
                     *       "operation_id": "01920c93-5a1b-7c2d-8e3f-4a5b6c7d8e9f"
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        job_id: string;
                        /** @description GET it for status, progress and, once succeeded, the same result a synchronous answer gives */
                        status_url: string;
                        /** @description UUID (time-ordered v7) */
                        operation_id: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postLatticesIdNeighbors: {
        parameters: {
            query?: {
                /** @description true: always run as a job (202). false: answer now, 422 when the estimated work is over the synchronous limit (SYNC_MAX_WORK), its predicted time over the synchronous deadline (SYNC_DEADLINE_MS), or the run overruns that deadline. Absent: answer now when the estimate is small, else a job; a run that overruns the deadline is stopped and becomes a job (202). Heavy runs use the engine worker pool, never the API event loop. 413 when its buffers could never fit the operation memory budget (OPERATION_MEMORY_BUDGET_BYTES). */
                async?: boolean;
            };
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
            };
            cookie?: never;
        };
        /** @description The vertices within `radius` hops of `vertex` */
        requestBody: {
            content: {
                "application/json": {
                    /** @description One integer per dimension of the lattice, each in [0, side) */
                    vertex: number[];
                    /** @description Hops, ≥ 0 */
                    radius: number;
                    /** @description Most vertices listed (default 1000, at most 10000); count is always complete */
                    limit?: number;
                    /** @description Ask for the GPU. Honoured when the plan allows GPU use and a WebGPU adapter exists; otherwise the operation runs on the CPU and `fallback_reason` says why (never an error). */
                    use_gpu?: boolean;
                };
            };
        };
        responses: {
            /** @description The ball of `radius` hops around `vertex` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "operation_id": "01920c93-5a1b-7c2d-8e3f-4a5b6c7d8e9f",
                     *       "lattice_id": "01920c91-2d3e-7f40-9b5c-6d7e8f9a0b1c",
                     *       "operation": "neighbors",
                     *       "center": [
                     *         1,
                     *         1
                     *       ],
                     *       "radius": 1,
                     *       "count": 5,
                     *       "vertices": [
                     *         [
                     *           1,
                     *           1
                     *         ],
                     *         [
                     *           0,
                     *           1
                     *         ],
                     *         [
                     *           2,
                     *           1
                     *         ],
                     *         [
                     *           1,
                     *           0
                     *         ],
                     *         [
                     *           1,
                     *           2
                     *         ]
                     *       ],
                     *       "truncated": false,
                     *       "method": "closed_form",
                     *       "execution_time_ms": 0.42,
                     *       "backend": "cpu",
                     *       "gpu_used": false,
                     *       "cached": false
                     *     }
                     */
                    "application/json": {
                        /** @description Its row in GET /lattices/{id}/operations */
                        operation_id: string;
                        /** @description UUID (time-ordered v7) */
                        lattice_id: string;
                        operation: string;
                        /** @description Engine time; for a cached answer, the lookup */
                        execution_time_ms: number;
                        /**
                         * @description Where it ran: one thread, the worker-thread pool, or WebGPU
                         * @enum {string}
                         */
                        backend: "cpu" | "cpu-pool" | "gpu";
                        gpu_used: boolean;
                        /** @description true when the knowledge cache answered (same lattice version, operation and parameters) */
                        cached: boolean;
                        /** @description Present when use_gpu was asked for and the GPU was not used: why */
                        fallback_reason?: string;
                        center: number[];
                        radius: number;
                        /** @description Vertices within radius, centre included (always complete) */
                        count: number;
                        /** @description The first `limit` of them, nearest first */
                        vertices: number[][];
                        truncated: boolean;
                        method: string;
                    };
                };
            };
            /** @description Queued as a job (large, or async=true) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "job_id": "01920c94-1b2c-7d3e-8f40-5b6c7d8e9fa0",
                     *       "status_url": "/api/v1/jobs/01920c94-1b2c-7d3e-8f40-5b6c7d8e9fa0",
                     *       "operation_id": "01920c93-5a1b-7c2d-8e3f-4a5b6c7d8e9f"
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        job_id: string;
                        /** @description GET it for status, progress and, once succeeded, the same result a synchronous answer gives */
                        status_url: string;
                        /** @description UUID (time-ordered v7) */
                        operation_id: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postLatticesIdComponents: {
        parameters: {
            query?: {
                /** @description true: always run as a job (202). false: answer now, 422 when the estimated work is over the synchronous limit (SYNC_MAX_WORK), its predicted time over the synchronous deadline (SYNC_DEADLINE_MS), or the run overruns that deadline. Absent: answer now when the estimate is small, else a job; a run that overruns the deadline is stopped and becomes a job (202). Heavy runs use the engine worker pool, never the API event loop. 413 when its buffers could never fit the operation memory budget (OPERATION_MEMORY_BUDGET_BYTES). */
                async?: boolean;
            };
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
            };
            cookie?: never;
        };
        /** @description Connected components of the free vertices; an empty body is fine */
        requestBody: {
            content: {
                "application/json": {
                    /** @description Most component sizes listed (default 1000, at most 10000) */
                    max_sizes?: number;
                    /** @description Ask for the GPU. Honoured when the plan allows GPU use and a WebGPU adapter exists; otherwise the operation runs on the CPU and `fallback_reason` says why (never an error). */
                    use_gpu?: boolean;
                };
            };
        };
        responses: {
            /** @description Connected components of the free vertices */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "operation_id": "01920c93-5a1b-7c2d-8e3f-4a5b6c7d8e9f",
                     *       "lattice_id": "01920c91-2d3e-7f40-9b5c-6d7e8f9a0b1c",
                     *       "operation": "components",
                     *       "count": 1,
                     *       "sizes": [
                     *         100
                     *       ],
                     *       "sizes_truncated": false,
                     *       "largest": 100,
                     *       "isolated": 0,
                     *       "obstacle_count": 0,
                     *       "free_vertices": 100,
                     *       "method": "closed_form",
                     *       "execution_time_ms": 0.42,
                     *       "backend": "cpu",
                     *       "gpu_used": false,
                     *       "cached": false
                     *     }
                     */
                    "application/json": {
                        /** @description Its row in GET /lattices/{id}/operations */
                        operation_id: string;
                        /** @description UUID (time-ordered v7) */
                        lattice_id: string;
                        operation: string;
                        /** @description Engine time; for a cached answer, the lookup */
                        execution_time_ms: number;
                        /**
                         * @description Where it ran: one thread, the worker-thread pool, or WebGPU
                         * @enum {string}
                         */
                        backend: "cpu" | "cpu-pool" | "gpu";
                        gpu_used: boolean;
                        /** @description true when the knowledge cache answered (same lattice version, operation and parameters) */
                        cached: boolean;
                        /** @description Present when use_gpu was asked for and the GPU was not used: why */
                        fallback_reason?: string;
                        count: number;
                        /** @description Largest first */
                        sizes: number[];
                        sizes_truncated: boolean;
                        largest: number;
                        isolated: number;
                        obstacle_count: number;
                        free_vertices: number;
                        method: string;
                    };
                };
            };
            /** @description Queued as a job (large, or async=true) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "job_id": "01920c94-1b2c-7d3e-8f40-5b6c7d8e9fa0",
                     *       "status_url": "/api/v1/jobs/01920c94-1b2c-7d3e-8f40-5b6c7d8e9fa0",
                     *       "operation_id": "01920c93-5a1b-7c2d-8e3f-4a5b6c7d8e9f"
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        job_id: string;
                        /** @description GET it for status, progress and, once succeeded, the same result a synchronous answer gives */
                        status_url: string;
                        /** @description UUID (time-ordered v7) */
                        operation_id: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postLatticesIdCentrality: {
        parameters: {
            query?: {
                /** @description true: always run as a job (202). false: answer now, 422 when the estimated work is over the synchronous limit (SYNC_MAX_WORK), its predicted time over the synchronous deadline (SYNC_DEADLINE_MS), or the run overruns that deadline. Absent: answer now when the estimate is small, else a job; a run that overruns the deadline is stopped and becomes a job (202). Heavy runs use the engine worker pool, never the API event loop. 413 when its buffers could never fit the operation memory budget (OPERATION_MEMORY_BUDGET_BYTES). */
                async?: boolean;
            };
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
            };
            cookie?: never;
        };
        /** @description Closeness, betweenness (exact when small, sampled with a stated standard error when large) or degree centrality */
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description closeness when omitted
                     * @enum {string}
                     */
                    measure?: "closeness" | "betweenness" | "degree";
                    /** @description Most BFS sources an exact run may take (default 5000); beyond it the values are sampled */
                    exact_limit?: number;
                    /** @description Pivot sources when sampling (default 256, at most 10000) */
                    samples?: number;
                    /** @description Any safe integer */
                    seed?: number;
                    /** @description Highest-ranked vertices listed (default 10) */
                    top_k?: number;
                    /** @description Use the lattice symmetry for exact runs without obstacles (default true) */
                    symmetry?: boolean;
                    /** @description Ask for the GPU. Honoured when the plan allows GPU use and a WebGPU adapter exists; otherwise the operation runs on the CPU and `fallback_reason` says why (never an error). */
                    use_gpu?: boolean;
                };
            };
        };
        responses: {
            /** @description Centrality: the top-k vertices and statistics */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "operation_id": "01920c93-5a1b-7c2d-8e3f-4a5b6c7d8e9f",
                     *       "lattice_id": "01920c91-2d3e-7f40-9b5c-6d7e8f9a0b1c",
                     *       "operation": "centrality",
                     *       "measure": "closeness",
                     *       "exact": true,
                     *       "sample_size": 9,
                     *       "sources_run": 3,
                     *       "error_estimate": 0,
                     *       "top": [
                     *         {
                     *           "vertex": [
                     *             1,
                     *             1
                     *           ],
                     *           "value": 0.667
                     *         }
                     *       ],
                     *       "stats": {
                     *         "min": 0.4,
                     *         "max": 0.667,
                     *         "mean": 0.52
                     *       },
                     *       "execution_time_ms": 0.42,
                     *       "backend": "cpu",
                     *       "gpu_used": false,
                     *       "cached": false
                     *     }
                     */
                    "application/json": {
                        /** @description Its row in GET /lattices/{id}/operations */
                        operation_id: string;
                        /** @description UUID (time-ordered v7) */
                        lattice_id: string;
                        operation: string;
                        /** @description Engine time; for a cached answer, the lookup */
                        execution_time_ms: number;
                        /**
                         * @description Where it ran: one thread, the worker-thread pool, or WebGPU
                         * @enum {string}
                         */
                        backend: "cpu" | "cpu-pool" | "gpu";
                        gpu_used: boolean;
                        /** @description true when the knowledge cache answered (same lattice version, operation and parameters) */
                        cached: boolean;
                        /** @description Present when use_gpu was asked for and the GPU was not used: why */
                        fallback_reason?: string;
                        measure: string;
                        exact: boolean;
                        sample_size: number;
                        sources_run: number;
                        /** @description Largest standard error when sampled; 0 when exact */
                        error_estimate: number;
                        top: {
                            vertex: number[];
                            value: number;
                            standard_error?: number;
                        }[];
                        stats: {
                            min: number;
                            max: number;
                            mean: number;
                        };
                    };
                };
            };
            /** @description Queued as a job (large, or async=true) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "job_id": "01920c94-1b2c-7d3e-8f40-5b6c7d8e9fa0",
                     *       "status_url": "/api/v1/jobs/01920c94-1b2c-7d3e-8f40-5b6c7d8e9fa0",
                     *       "operation_id": "01920c93-5a1b-7c2d-8e3f-4a5b6c7d8e9f"
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        job_id: string;
                        /** @description GET it for status, progress and, once succeeded, the same result a synchronous answer gives */
                        status_url: string;
                        /** @description UUID (time-ordered v7) */
                        operation_id: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postLatticesIdAnalyze: {
        parameters: {
            query?: {
                /** @description true: always run as a job (202). false: answer now, 422 when the estimated work is over the synchronous limit (SYNC_MAX_WORK), its predicted time over the synchronous deadline (SYNC_DEADLINE_MS), or the run overruns that deadline. Absent: answer now when the estimate is small, else a job; a run that overruns the deadline is stopped and becomes a job (202). Heavy runs use the engine worker pool, never the API event loop. 413 when its buffers could never fit the operation memory budget (OPERATION_MEMORY_BUDGET_BYTES). */
                async?: boolean;
            };
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
            };
            cookie?: never;
        };
        /** @description Structure of the lattice; an empty body is fine */
        requestBody: {
            content: {
                /** @example {} */
                "application/json": {
                    /** @description Vertex visits allowed for an exact diameter with obstacles (default 2^24); beyond, a lower bound */
                    exact_diameter_work?: number;
                    /** @description Ask for the GPU. Honoured when the plan allows GPU use and a WebGPU adapter exists; otherwise the operation runs on the CPU and `fallback_reason` says why (never an error). */
                    use_gpu?: boolean;
                };
            };
        };
        responses: {
            /** @description Structure of the lattice */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "operation_id": "01920c93-5a1b-7c2d-8e3f-4a5b6c7d8e9f",
                     *       "lattice_id": "01920c91-2d3e-7f40-9b5c-6d7e8f9a0b1c",
                     *       "operation": "analyze",
                     *       "vertices": 9,
                     *       "edges": 12,
                     *       "obstacles": 0,
                     *       "free_vertices": 9,
                     *       "degree": {
                     *         "min": 2,
                     *         "max": 4,
                     *         "mean": 2.667
                     *       },
                     *       "diameter": 4,
                     *       "diameter_exact": true,
                     *       "diameter_method": "closed_form",
                     *       "bipartite": true,
                     *       "components": 1,
                     *       "memory": {
                     *         "implicit_bytes": 32,
                     *         "explicit_csr_bytes": 176,
                     *         "reduction_factor": 5.5
                     *       },
                     *       "method": "closed_form",
                     *       "execution_time_ms": 0.42,
                     *       "backend": "cpu",
                     *       "gpu_used": false,
                     *       "cached": false
                     *     }
                     */
                    "application/json": {
                        /** @description Its row in GET /lattices/{id}/operations */
                        operation_id: string;
                        /** @description UUID (time-ordered v7) */
                        lattice_id: string;
                        operation: string;
                        /** @description Engine time; for a cached answer, the lookup */
                        execution_time_ms: number;
                        /**
                         * @description Where it ran: one thread, the worker-thread pool, or WebGPU
                         * @enum {string}
                         */
                        backend: "cpu" | "cpu-pool" | "gpu";
                        gpu_used: boolean;
                        /** @description true when the knowledge cache answered (same lattice version, operation and parameters) */
                        cached: boolean;
                        /** @description Present when use_gpu was asked for and the GPU was not used: why */
                        fallback_reason?: string;
                        vertices: number;
                        edges: number;
                        obstacles: number;
                        free_vertices: number;
                        degree: {
                            min: number;
                            max: number;
                            mean: number;
                        };
                        diameter: number;
                        diameter_exact: boolean;
                        diameter_method: string;
                        bipartite: boolean;
                        components: number;
                        memory: {
                            implicit_bytes: number;
                            explicit_csr_bytes: number;
                            reduction_factor: number;
                        };
                        method: string;
                    };
                };
            };
            /** @description Queued as a job (large, or async=true) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "job_id": "01920c94-1b2c-7d3e-8f40-5b6c7d8e9fa0",
                     *       "status_url": "/api/v1/jobs/01920c94-1b2c-7d3e-8f40-5b6c7d8e9fa0",
                     *       "operation_id": "01920c93-5a1b-7c2d-8e3f-4a5b6c7d8e9f"
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        job_id: string;
                        /** @description GET it for status, progress and, once succeeded, the same result a synchronous answer gives */
                        status_url: string;
                        /** @description UUID (time-ordered v7) */
                        operation_id: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postLatticesIdDiffusion: {
        parameters: {
            query?: {
                /** @description true: always run as a job (202). false: answer now, 422 when the estimated work is over the synchronous limit (SYNC_MAX_WORK), its predicted time over the synchronous deadline (SYNC_DEADLINE_MS), or the run overruns that deadline. Absent: answer now when the estimate is small, else a job; a run that overruns the deadline is stopped and becomes a job (202). Heavy runs use the engine worker pool, never the API event loop. 413 when its buffers could never fit the operation memory budget (OPERATION_MEMORY_BUDGET_BYTES). */
                async?: boolean;
            };
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
            };
            cookie?: never;
        };
        /** @description Explicit heat diffusion of the lattice's value field (never changed) for `steps` */
        requestBody: {
            content: {
                "application/json": {
                    /** @description Explicit heat steps, at most 100000 */
                    steps: number;
                    /** @description Time step; default 1/(4·d·diffusivity), half the stability bound */
                    dt?: number;
                    /** @description Default 1; dt·diffusivity·2d must stay ≤ 1 */
                    diffusivity?: number;
                    /** @description Amounts added to the initial state */
                    sources?: {
                        /** @description One integer per dimension of the lattice, each in [0, side) */
                        vertex: number[];
                        amount: number;
                    }[];
                    /**
                     * @description field (default): the lattice's value field; zero: all zeros
                     * @enum {string}
                     */
                    initial?: "field" | "zero";
                    /** @description Record statistics every this many steps (at most 1000 snapshots) */
                    snapshot_every?: number;
                    /** @description Ask for the GPU. Honoured when the plan allows GPU use and a WebGPU adapter exists; otherwise the operation runs on the CPU and `fallback_reason` says why (never an error). */
                    use_gpu?: boolean;
                };
            };
        };
        responses: {
            /** @description Statistics of the diffused field (the stored field is not changed) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "operation_id": "01920c93-5a1b-7c2d-8e3f-4a5b6c7d8e9f",
                     *       "lattice_id": "01920c91-2d3e-7f40-9b5c-6d7e8f9a0b1c",
                     *       "operation": "diffusion",
                     *       "steps": 10,
                     *       "dt": 0.125,
                     *       "diffusivity": 1,
                     *       "stability_number": 0.5,
                     *       "initial": {
                     *         "min": 0,
                     *         "max": 100,
                     *         "mean": 1,
                     *         "mass": 100
                     *       },
                     *       "final": {
                     *         "min": 0.2,
                     *         "max": 3.1,
                     *         "mean": 1,
                     *         "mass": 100
                     *       },
                     *       "snapshots": [],
                     *       "execution_time_ms": 0.42,
                     *       "backend": "cpu",
                     *       "gpu_used": false,
                     *       "cached": false
                     *     }
                     */
                    "application/json": {
                        /** @description Its row in GET /lattices/{id}/operations */
                        operation_id: string;
                        /** @description UUID (time-ordered v7) */
                        lattice_id: string;
                        operation: string;
                        /** @description Engine time; for a cached answer, the lookup */
                        execution_time_ms: number;
                        /**
                         * @description Where it ran: one thread, the worker-thread pool, or WebGPU
                         * @enum {string}
                         */
                        backend: "cpu" | "cpu-pool" | "gpu";
                        gpu_used: boolean;
                        /** @description true when the knowledge cache answered (same lattice version, operation and parameters) */
                        cached: boolean;
                        /** @description Present when use_gpu was asked for and the GPU was not used: why */
                        fallback_reason?: string;
                        steps: number;
                        dt: number;
                        diffusivity: number;
                        /** @description dt·diffusivity·2d, at most 1 */
                        stability_number: number;
                        initial: {
                            min: number;
                            max: number;
                            mean: number;
                            /** @description Sum over unblocked vertices */
                            mass: number;
                        };
                        final: {
                            min: number;
                            max: number;
                            mean: number;
                            /** @description Sum over unblocked vertices */
                            mass: number;
                        };
                        snapshots: {
                            min: number;
                            max: number;
                            mean: number;
                            /** @description Sum over unblocked vertices */
                            mass: number;
                            step: number;
                        }[];
                    };
                };
            };
            /** @description Queued as a job (large, or async=true) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "job_id": "01920c94-1b2c-7d3e-8f40-5b6c7d8e9fa0",
                     *       "status_url": "/api/v1/jobs/01920c94-1b2c-7d3e-8f40-5b6c7d8e9fa0",
                     *       "operation_id": "01920c93-5a1b-7c2d-8e3f-4a5b6c7d8e9f"
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        job_id: string;
                        /** @description GET it for status, progress and, once succeeded, the same result a synchronous answer gives */
                        status_url: string;
                        /** @description UUID (time-ordered v7) */
                        operation_id: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postLatticesIdRandomWalk: {
        parameters: {
            query?: {
                /** @description true: always run as a job (202). false: answer now, 422 when the estimated work is over the synchronous limit (SYNC_MAX_WORK), its predicted time over the synchronous deadline (SYNC_DEADLINE_MS), or the run overruns that deadline. Absent: answer now when the estimate is small, else a job; a run that overruns the deadline is stopped and becomes a job (202). Heavy runs use the engine worker pool, never the API event loop. 413 when its buffers could never fit the operation memory budget (OPERATION_MEMORY_BUDGET_BYTES). */
                async?: boolean;
            };
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
            };
            cookie?: never;
        };
        /** @description Seeded random walks: mean squared displacement and hitting statistics */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "walkers": 1000,
                 *       "steps": 100,
                 *       "seed": 42
                 *     }
                 */
                "application/json": {
                    /** @description 1–100000 */
                    walkers: number;
                    /** @description 0–100000 */
                    steps: number;
                    /** @description Same seed, same answer (0 when omitted) */
                    seed?: number;
                    /** @description The centre vertex when omitted */
                    start?: number[];
                    /** @description Ask for the GPU. Honoured when the plan allows GPU use and a WebGPU adapter exists; otherwise the operation runs on the CPU and `fallback_reason` says why (never an error). */
                    use_gpu?: boolean;
                };
            };
        };
        responses: {
            /** @description Random-walk statistics; the same seed gives the same answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "operation_id": "01920c93-5a1b-7c2d-8e3f-4a5b6c7d8e9f",
                     *       "lattice_id": "01920c91-2d3e-7f40-9b5c-6d7e8f9a0b1c",
                     *       "operation": "random-walk",
                     *       "walkers": 100,
                     *       "steps": 2,
                     *       "seed": 42,
                     *       "start": [
                     *         5,
                     *         5
                     *       ],
                     *       "msd": [
                     *         0,
                     *         1,
                     *         2.1
                     *       ],
                     *       "msd_every": 1,
                     *       "diffusion_coefficient": 0.26,
                     *       "return_fraction": 0.25,
                     *       "mean_return_time": 2,
                     *       "mean_distinct_visited": 2.75,
                     *       "final": {
                     *         "mean_displacement": [
                     *           0.02,
                     *           -0.01
                     *         ],
                     *         "rms_distance": 1.45,
                     *         "max_distance": 2
                     *       },
                     *       "execution_time_ms": 0.42,
                     *       "backend": "cpu",
                     *       "gpu_used": false,
                     *       "cached": false
                     *     }
                     */
                    "application/json": {
                        /** @description Its row in GET /lattices/{id}/operations */
                        operation_id: string;
                        /** @description UUID (time-ordered v7) */
                        lattice_id: string;
                        operation: string;
                        /** @description Engine time; for a cached answer, the lookup */
                        execution_time_ms: number;
                        /**
                         * @description Where it ran: one thread, the worker-thread pool, or WebGPU
                         * @enum {string}
                         */
                        backend: "cpu" | "cpu-pool" | "gpu";
                        gpu_used: boolean;
                        /** @description true when the knowledge cache answered (same lattice version, operation and parameters) */
                        cached: boolean;
                        /** @description Present when use_gpu was asked for and the GPU was not used: why */
                        fallback_reason?: string;
                        walkers: number;
                        steps: number;
                        seed: number;
                        start: number[];
                        /** @description Mean squared displacement at t = 0, msd_every, 2·msd_every, ... and the last step */
                        msd: number[];
                        msd_every: number;
                        diffusion_coefficient: number;
                        return_fraction: number;
                        mean_return_time: number | null;
                        mean_distinct_visited: number;
                        final: {
                            mean_displacement: number[];
                            rms_distance: number;
                            max_distance: number;
                        };
                    };
                };
            };
            /** @description Queued as a job (large, or async=true) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "job_id": "01920c94-1b2c-7d3e-8f40-5b6c7d8e9fa0",
                     *       "status_url": "/api/v1/jobs/01920c94-1b2c-7d3e-8f40-5b6c7d8e9fa0",
                     *       "operation_id": "01920c93-5a1b-7c2d-8e3f-4a5b6c7d8e9f"
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        job_id: string;
                        /** @description GET it for status, progress and, once succeeded, the same result a synchronous answer gives */
                        status_url: string;
                        /** @description UUID (time-ordered v7) */
                        operation_id: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postLatticesIdPartition: {
        parameters: {
            query?: {
                /** @description true: always run as a job (202). false: answer now, 422 when the estimated work is over the synchronous limit (SYNC_MAX_WORK), its predicted time over the synchronous deadline (SYNC_DEADLINE_MS), or the run overruns that deadline. Absent: answer now when the estimate is small, else a job; a run that overruns the deadline is stopped and becomes a job (202). Heavy runs use the engine worker pool, never the API event loop. 413 when its buffers could never fit the operation memory budget (OPERATION_MEMORY_BUDGET_BYTES). */
                async?: boolean;
            };
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
            };
            cookie?: never;
        };
        /** @description Balanced boxes for parallel scheduling */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "parts": 8
                 *     }
                 */
                "application/json": {
                    /** @description Balanced boxes wanted, 1–4096 */
                    parts: number;
                    /** @description Ask for the GPU. Honoured when the plan allows GPU use and a WebGPU adapter exists; otherwise the operation runs on the CPU and `fallback_reason` says why (never an error). */
                    use_gpu?: boolean;
                };
            };
        };
        responses: {
            /** @description Balanced boxes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "operation_id": "01920c93-5a1b-7c2d-8e3f-4a5b6c7d8e9f",
                     *       "lattice_id": "01920c91-2d3e-7f40-9b5c-6d7e8f9a0b1c",
                     *       "operation": "partition",
                     *       "parts": [
                     *         {
                     *           "id": 0,
                     *           "lo": [
                     *             0,
                     *             0
                     *           ],
                     *           "hi": [
                     *             2,
                     *             4
                     *           ],
                     *           "vertices": 8
                     *         },
                     *         {
                     *           "id": 1,
                     *           "lo": [
                     *             2,
                     *             0
                     *           ],
                     *           "hi": [
                     *             4,
                     *             4
                     *           ],
                     *           "vertices": 8
                     *         }
                     *       ],
                     *       "cut_edges": 4,
                     *       "balance": 1,
                     *       "execution_time_ms": 0.42,
                     *       "backend": "cpu",
                     *       "gpu_used": false,
                     *       "cached": false
                     *     }
                     */
                    "application/json": {
                        /** @description Its row in GET /lattices/{id}/operations */
                        operation_id: string;
                        /** @description UUID (time-ordered v7) */
                        lattice_id: string;
                        operation: string;
                        /** @description Engine time; for a cached answer, the lookup */
                        execution_time_ms: number;
                        /**
                         * @description Where it ran: one thread, the worker-thread pool, or WebGPU
                         * @enum {string}
                         */
                        backend: "cpu" | "cpu-pool" | "gpu";
                        gpu_used: boolean;
                        /** @description true when the knowledge cache answered (same lattice version, operation and parameters) */
                        cached: boolean;
                        /** @description Present when use_gpu was asked for and the GPU was not used: why */
                        fallback_reason?: string;
                        parts: {
                            id: number;
                            lo: number[];
                            /** @description Exclusive */
                            hi: number[];
                            vertices: number;
                        }[];
                        cut_edges: number;
                        /** @description Largest box over the mean (1 is perfect) */
                        balance: number;
                    };
                };
            };
            /** @description Queued as a job (large, or async=true) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "job_id": "01920c94-1b2c-7d3e-8f40-5b6c7d8e9fa0",
                     *       "status_url": "/api/v1/jobs/01920c94-1b2c-7d3e-8f40-5b6c7d8e9fa0",
                     *       "operation_id": "01920c93-5a1b-7c2d-8e3f-4a5b6c7d8e9f"
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        job_id: string;
                        /** @description GET it for status, progress and, once succeeded, the same result a synchronous answer gives */
                        status_url: string;
                        /** @description UUID (time-ordered v7) */
                        operation_id: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postLatticesIdSpectrum: {
        parameters: {
            query?: {
                /** @description true: always run as a job (202). false: answer now, 422 when the estimated work is over the synchronous limit (SYNC_MAX_WORK), its predicted time over the synchronous deadline (SYNC_DEADLINE_MS), or the run overruns that deadline. Absent: answer now when the estimate is small, else a job; a run that overruns the deadline is stopped and becomes a job (202). Heavy runs use the engine worker pool, never the API event loop. 413 when its buffers could never fit the operation memory budget (OPERATION_MEMORY_BUDGET_BYTES). */
                async?: boolean;
            };
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
            };
            cookie?: never;
        };
        /** @description The k smallest Laplacian eigenvalues, exact from the grid structure (lattices without obstacles) */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "k": 5
                 *     }
                 */
                "application/json": {
                    /** @description Smallest eigenvalues wanted (default 10, at most 1000) */
                    k?: number;
                    /** @description Ask for the GPU. Honoured when the plan allows GPU use and a WebGPU adapter exists; otherwise the operation runs on the CPU and `fallback_reason` says why (never an error). */
                    use_gpu?: boolean;
                };
            };
        };
        responses: {
            /** @description The smallest Laplacian eigenvalues */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "operation_id": "01920c93-5a1b-7c2d-8e3f-4a5b6c7d8e9f",
                     *       "lattice_id": "01920c91-2d3e-7f40-9b5c-6d7e8f9a0b1c",
                     *       "operation": "spectrum",
                     *       "eigenvalues": [
                     *         0,
                     *         1,
                     *         1
                     *       ],
                     *       "algebraic_connectivity": 1,
                     *       "exact": true,
                     *       "method": "product_structure",
                     *       "execution_time_ms": 0.42,
                     *       "backend": "cpu",
                     *       "gpu_used": false,
                     *       "cached": false
                     *     }
                     */
                    "application/json": {
                        /** @description Its row in GET /lattices/{id}/operations */
                        operation_id: string;
                        /** @description UUID (time-ordered v7) */
                        lattice_id: string;
                        operation: string;
                        /** @description Engine time; for a cached answer, the lookup */
                        execution_time_ms: number;
                        /**
                         * @description Where it ran: one thread, the worker-thread pool, or WebGPU
                         * @enum {string}
                         */
                        backend: "cpu" | "cpu-pool" | "gpu";
                        gpu_used: boolean;
                        /** @description true when the knowledge cache answered (same lattice version, operation and parameters) */
                        cached: boolean;
                        /** @description Present when use_gpu was asked for and the GPU was not used: why */
                        fallback_reason?: string;
                        /** @description Ascending, with multiplicity; the first is 0 */
                        eigenvalues: number[];
                        algebraic_connectivity: number | null;
                        exact: boolean;
                        method: string;
                    };
                };
            };
            /** @description Queued as a job (large, or async=true) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "job_id": "01920c94-1b2c-7d3e-8f40-5b6c7d8e9fa0",
                     *       "status_url": "/api/v1/jobs/01920c94-1b2c-7d3e-8f40-5b6c7d8e9fa0",
                     *       "operation_id": "01920c93-5a1b-7c2d-8e3f-4a5b6c7d8e9f"
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        job_id: string;
                        /** @description GET it for status, progress and, once succeeded, the same result a synchronous answer gives */
                        status_url: string;
                        /** @description UUID (time-ordered v7) */
                        operation_id: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postLatticesPath: {
        parameters: {
            query?: {
                /** @description true: always run as a job (202). false: answer now, 422 when the estimated work is over the synchronous limit (SYNC_MAX_WORK), its predicted time over the synchronous deadline (SYNC_DEADLINE_MS), or the run overruns that deadline. Absent: answer now when the estimate is small, else a job; a run that overruns the deadline is stopped and becomes a job (202). Heavy runs use the engine worker pool, never the API event loop. 413 when its buffers could never fit the operation memory budget (OPERATION_MEMORY_BUDGET_BYTES). */
                async?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "lattice_id": "01920c91-2d3e-7f40-9b5c-6d7e8f9a0b1c",
                 *       "start": [
                 *         0,
                 *         0,
                 *         0
                 *       ],
                 *       "end": [
                 *         9,
                 *         9,
                 *         9
                 *       ]
                 *     }
                 */
                "application/json": {
                    /** @description One integer per dimension of the lattice, each in [0, side) */
                    start: number[];
                    /** @description One integer per dimension of the lattice, each in [0, side) */
                    end: number[];
                    /**
                     * @description auto (default): closed form without obstacles, A* with them
                     * @enum {string}
                     */
                    algorithm?: "auto" | "closed_form" | "bfs" | "bidirectional" | "astar" | "dijkstra";
                    /** @description Most vertices listed in path (default and cap 100000); hops is always complete */
                    max_path_length?: number;
                    /** @description Ask for the GPU. Honoured when the plan allows GPU use and a WebGPU adapter exists; otherwise the operation runs on the CPU and `fallback_reason` says why (never an error). */
                    use_gpu?: boolean;
                    /** @description UUID (time-ordered v7) */
                    lattice_id: string;
                };
            };
        };
        responses: {
            /** @description A shortest path; 200 with path null and reachable false when obstacles cut the end off */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "operation_id": "01920c93-5a1b-7c2d-8e3f-4a5b6c7d8e9f",
                     *       "lattice_id": "01920c91-2d3e-7f40-9b5c-6d7e8f9a0b1c",
                     *       "operation": "path",
                     *       "path": [
                     *         [
                     *           0,
                     *           0
                     *         ],
                     *         [
                     *           0,
                     *           1
                     *         ],
                     *         [
                     *           1,
                     *           1
                     *         ]
                     *       ],
                     *       "reachable": true,
                     *       "distance": 2,
                     *       "hops": 2,
                     *       "algorithm": "closed_form",
                     *       "visited": 0,
                     *       "path_truncated": false,
                     *       "execution_time_ms": 0.42,
                     *       "backend": "cpu",
                     *       "gpu_used": false,
                     *       "cached": false
                     *     }
                     */
                    "application/json": {
                        /** @description Its row in GET /lattices/{id}/operations */
                        operation_id: string;
                        /** @description UUID (time-ordered v7) */
                        lattice_id: string;
                        operation: string;
                        /** @description Engine time; for a cached answer, the lookup */
                        execution_time_ms: number;
                        /**
                         * @description Where it ran: one thread, the worker-thread pool, or WebGPU
                         * @enum {string}
                         */
                        backend: "cpu" | "cpu-pool" | "gpu";
                        gpu_used: boolean;
                        /** @description true when the knowledge cache answered (same lattice version, operation and parameters) */
                        cached: boolean;
                        /** @description Present when use_gpu was asked for and the GPU was not used: why */
                        fallback_reason?: string;
                        /** @description Vertices from start to end; null when unreachable */
                        path: number[][] | null;
                        reachable: boolean;
                        /** @description Hops (Dijkstra: summed costs); null when unreachable */
                        distance: number | null;
                        hops: number | null;
                        /** @description The algorithm that ran */
                        algorithm: string;
                        /** @description Vertices the search labelled */
                        visited: number;
                        /** @description true when path lists only the first max_path_length vertices */
                        path_truncated: boolean;
                    };
                };
            };
            /** @description Queued as a job (large, or async=true) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "job_id": "01920c94-1b2c-7d3e-8f40-5b6c7d8e9fa0",
                     *       "status_url": "/api/v1/jobs/01920c94-1b2c-7d3e-8f40-5b6c7d8e9fa0",
                     *       "operation_id": "01920c93-5a1b-7c2d-8e3f-4a5b6c7d8e9f"
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        job_id: string;
                        /** @description GET it for status, progress and, once succeeded, the same result a synchronous answer gives */
                        status_url: string;
                        /** @description UUID (time-ordered v7) */
                        operation_id: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postLatticesIdTransform: {
        parameters: {
            query?: {
                /** @description true: always run as a job (202). false: answer now, 422 when the estimated work is over the synchronous limit (SYNC_MAX_WORK), its predicted time over the synchronous deadline (SYNC_DEADLINE_MS), or the run overruns that deadline. Absent: answer now when the estimate is small, else a job; a run that overruns the deadline is stopped and becomes a job (202). Heavy runs use the engine worker pool, never the API event loop. 413 when its buffers could never fit the operation memory budget (OPERATION_MEMORY_BUDGET_BYTES). */
                async?: boolean;
            };
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description xor (parameters.key), rotate (parameters.axes, turns), scale (parameters.factor) or normalize
                     * @enum {string}
                     */
                    transformation_type: "xor" | "rotate" | "scale" | "normalize";
                    /** @description The members the transformation type uses */
                    parameters?: {
                        /** @description xor: a string (≤ 1024 chars) or safe integer; when omitted the key is the lattice's id (as a string), so the same request applied twice restores the field */
                        key?: string | number;
                        /** @description rotate: the plane, two different dimensions with equal sides (default [0, 1]) */
                        axes?: number[];
                        /** @description rotate: quarter turns (default 1) */
                        turns?: number;
                        /** @description scale: the factor, finite and ≠ 0; required */
                        factor?: number;
                    };
                    /** @description Ask for the GPU. Honoured when the plan allows GPU use and a WebGPU adapter exists; otherwise the operation runs on the CPU and `fallback_reason` says why (never an error). */
                    use_gpu?: boolean;
                };
            };
        };
        responses: {
            /** @description The value field after the transform, stored as the lattice's next version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "operation_id": "01920c93-5a1b-7c2d-8e3f-4a5b6c7d8e9f",
                     *       "lattice_id": "01920c91-2d3e-7f40-9b5c-6d7e8f9a0b1c",
                     *       "transformation_type": "xor",
                     *       "version": 2,
                     *       "gpu_used": false,
                     *       "backend": "cpu",
                     *       "reversible": true,
                     *       "execution_time_ms": 1.7,
                     *       "cached": false,
                     *       "result_summary": {
                     *         "success": true,
                     *         "checksum_before": "9f1c…",
                     *         "checksum_after": "07ab…",
                     *         "values": 1000,
                     *         "inverse": {
                     *           "key": "secret"
                     *         }
                     *       },
                     *       "catalytic": {
                     *         "aux_bytes": 8000,
                     *         "checksum_restored": "9f1c…",
                     *         "restored": true
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        operation_id: string;
                        /** @description UUID (time-ordered v7) */
                        lattice_id: string;
                        transformation_type: string;
                        /** @description The lattice's version after the transform */
                        version: number;
                        gpu_used: boolean;
                        /**
                         * @description Where it ran: one thread, the worker-thread pool, or WebGPU
                         * @enum {string}
                         */
                        backend: "cpu" | "cpu-pool" | "gpu";
                        fallback_reason?: string;
                        /** @description Bit-exact: applying `result_summary.inverse` restores every value */
                        reversible: boolean;
                        execution_time_ms: number;
                        /** @description Always false: transforms change the lattice */
                        cached: boolean;
                        /** @description Plus the type-specific members (inverse, axes, turns, factor, mean_before, ...) */
                        result_summary: {
                            success: boolean;
                            checksum_before: string;
                            checksum_after: string;
                            values: number;
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description The transform as a catalytic computation on the field */
                        catalytic: {
                            /** @description Bytes of the value field the transform borrowed and changed in place */
                            aux_bytes: number;
                            /** @description Checksum of the new field with the reported inverse applied (compare result_summary.checksum_before) */
                            checksum_restored: string;
                            /** @description checksum_restored === result_summary.checksum_before: whether the reported inverse hands the bytes back bit for bit (computed) */
                            restored: boolean;
                        };
                    };
                };
            };
            /** @description Queued as a job (large, or async=true) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "job_id": "01920c94-1b2c-7d3e-8f40-5b6c7d8e9fa0",
                     *       "status_url": "/api/v1/jobs/01920c94-1b2c-7d3e-8f40-5b6c7d8e9fa0",
                     *       "operation_id": "01920c93-5a1b-7c2d-8e3f-4a5b6c7d8e9f"
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        job_id: string;
                        /** @description GET it for status, progress and, once succeeded, the same result a synchronous answer gives */
                        status_url: string;
                        /** @description UUID (time-ordered v7) */
                        operation_id: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getLatticesIdOperations: {
        parameters: {
            query: {
                limit: number;
                cursor?: string;
                /** @description Only operations of this type */
                type?: "path" | "distances" | "neighbors" | "components" | "centrality" | "analyze" | "partition" | "spectrum" | "diffusion" | "random-walk" | "transform";
            };
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Newest first */
            200: {
                headers: {
                    /** @description Operations matching the filter across all pages */
                    "X-Total-Count"?: number;
                    /** @description RFC 8288 link to the next page (rel="next"); absent on the last page */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "operations": [
                     *         {
                     *           "id": "01920c93-5a1b-7c2d-8e3f-4a5b6c7d8e9f",
                     *           "operation_id": "01920c93-5a1b-7c2d-8e3f-4a5b6c7d8e9f",
                     *           "lattice_id": "01920c91-2d3e-7f40-9b5c-6d7e8f9a0b1c",
                     *           "type": "path",
                     *           "status": "succeeded",
                     *           "parameters": {
                     *             "start": [
                     *               0,
                     *               0
                     *             ],
                     *             "end": [
                     *               2,
                     *               2
                     *             ]
                     *           },
                     *           "result_summary": {
                     *             "reachable": true,
                     *             "hops": 4
                     *           },
                     *           "backend": "cpu",
                     *           "gpu_used": false,
                     *           "fallback_reason": null,
                     *           "cached": false,
                     *           "execution_time_ms": 0.3,
                     *           "actor_id": "01920c8f-0a1b-7c2d-9e3f-4a5b6c7d8e9f",
                     *           "actor_type": "user",
                     *           "job_id": null,
                     *           "created_at": "2025-01-15T09:30:00.000Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        operations: {
                            /** @description UUID (time-ordered v7) */
                            id: string;
                            /** @description UUID (time-ordered v7) */
                            operation_id: string;
                            /** @description UUID (time-ordered v7) */
                            lattice_id: string;
                            type: string;
                            transformation_type?: string;
                            /** @enum {string} */
                            status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                            /** @description The request body */
                            parameters: {
                                [key: string]: unknown;
                            };
                            /** @description The answer with long arrays cut (summary_truncated: true then); for a failed job, its error */
                            result_summary: {
                                [key: string]: unknown;
                            } | null;
                            backend: string | null;
                            gpu_used: boolean;
                            fallback_reason: string | null;
                            cached: boolean;
                            execution_time_ms: number | null;
                            actor_id: string | null;
                            actor_type: string;
                            job_id: string | null;
                            /**
                             * Format: date-time
                             * @description ISO-8601 UTC
                             */
                            created_at: string;
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getLatticesIdTransformations: {
        parameters: {
            query: {
                limit: number;
                cursor?: string;
                /** @description Only operations of this type */
                type?: "path" | "distances" | "neighbors" | "components" | "centrality" | "analyze" | "partition" | "spectrum" | "diffusion" | "random-walk" | "transform";
            };
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Newest first */
            200: {
                headers: {
                    /** @description Operations matching the filter across all pages */
                    "X-Total-Count"?: number;
                    /** @description RFC 8288 link to the next page (rel="next"); absent on the last page */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "operations": [
                     *         {
                     *           "id": "01920c93-5a1b-7c2d-8e3f-4a5b6c7d8e9f",
                     *           "operation_id": "01920c93-5a1b-7c2d-8e3f-4a5b6c7d8e9f",
                     *           "lattice_id": "01920c91-2d3e-7f40-9b5c-6d7e8f9a0b1c",
                     *           "type": "path",
                     *           "status": "succeeded",
                     *           "parameters": {
                     *             "start": [
                     *               0,
                     *               0
                     *             ],
                     *             "end": [
                     *               2,
                     *               2
                     *             ]
                     *           },
                     *           "result_summary": {
                     *             "reachable": true,
                     *             "hops": 4
                     *           },
                     *           "backend": "cpu",
                     *           "gpu_used": false,
                     *           "fallback_reason": null,
                     *           "cached": false,
                     *           "execution_time_ms": 0.3,
                     *           "actor_id": "01920c8f-0a1b-7c2d-9e3f-4a5b6c7d8e9f",
                     *           "actor_type": "user",
                     *           "job_id": null,
                     *           "created_at": "2025-01-15T09:30:00.000Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        operations: {
                            /** @description UUID (time-ordered v7) */
                            id: string;
                            /** @description UUID (time-ordered v7) */
                            operation_id: string;
                            /** @description UUID (time-ordered v7) */
                            lattice_id: string;
                            type: string;
                            transformation_type?: string;
                            /** @enum {string} */
                            status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                            /** @description The request body */
                            parameters: {
                                [key: string]: unknown;
                            };
                            /** @description The answer with long arrays cut (summary_truncated: true then); for a failed job, its error */
                            result_summary: {
                                [key: string]: unknown;
                            } | null;
                            backend: string | null;
                            gpu_used: boolean;
                            fallback_reason: string | null;
                            cached: boolean;
                            execution_time_ms: number | null;
                            actor_id: string | null;
                            actor_type: string;
                            job_id: string | null;
                            /**
                             * Format: date-time
                             * @description ISO-8601 UTC
                             */
                            created_at: string;
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getGpuStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "available": false,
                     *       "backend": "none",
                     *       "device_count": 0,
                     *       "devices": [],
                     *       "reason": "no WebGPU adapter available",
                     *       "routing": {
                     *         "thresholds": {
                     *           "cpu-pool": {},
                     *           "gpu": {}
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": {
                        available: boolean;
                        /** @enum {string} */
                        backend: "webgpu" | "none";
                        device_count: number;
                        devices: {
                            id: number;
                            name: string;
                            /** @description null: WebGPU does not expose device memory */
                            memory_total_gb: number | null;
                            /** @description Held by this process's GPU buffers */
                            memory_used_mb: number;
                            description?: string;
                            feature_level?: string;
                            fallback_adapter?: boolean;
                        }[];
                        /** @description Why there is no GPU; null when there is one */
                        reason: string | null;
                        routing: {
                            /** @description Per operation, the estimated work above which the router prefers that backend (from the calibrated cost model) */
                            thresholds: {
                                "cpu-pool": {
                                    [key: string]: number | null;
                                };
                                gpu: {
                                    [key: string]: number | null;
                                };
                            };
                        };
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getJobs: {
        parameters: {
            query: {
                limit: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Jobs */
            200: {
                headers: {
                    /** @description Items matching the filters across all pages */
                    "X-Total-Count"?: number;
                    /** @description RFC 8288 link to the next page (rel="next"); absent on the last page */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        id: string;
                        status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                        progress: number;
                        kind: string;
                        operation: string;
                        lattice_id: string | null;
                        parameters: {
                            [key: string]: unknown;
                        };
                        attempts: number;
                        /** @description The operation result once succeeded */
                        result: unknown;
                        error: {
                            code: string;
                            detail: string;
                        } | null;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        created_at: string;
                        started_at: string | null;
                        finished_at: string | null;
                        expires_at: string | null;
                    }[];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getJobsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01936f7e-8a4b-7c2d-9e1f-0a1b2c3d4e5f",
                     *       "status": "succeeded",
                     *       "progress": 1,
                     *       "kind": "lattice.operation",
                     *       "operation": "distances",
                     *       "lattice_id": "01936f7e-0000-7000-8000-000000000001",
                     *       "parameters": {
                     *         "sources": [
                     *           [
                     *             0,
                     *             0
                     *           ]
                     *         ]
                     *       },
                     *       "attempts": 1,
                     *       "result": {
                     *         "reached": 1000000
                     *       },
                     *       "error": null,
                     *       "created_at": "2026-01-01T00:00:00.000Z",
                     *       "started_at": "2026-01-01T00:00:00.100Z",
                     *       "finished_at": "2026-01-01T00:00:01.000Z",
                     *       "expires_at": "2026-01-08T00:00:01.000Z"
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        id: string;
                        status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                        progress: number;
                        kind: string;
                        operation: string;
                        lattice_id: string | null;
                        parameters: {
                            [key: string]: unknown;
                        };
                        attempts: number;
                        /** @description The operation result once succeeded */
                        result: unknown;
                        error: {
                            code: string;
                            detail: string;
                        } | null;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        created_at: string;
                        started_at: string | null;
                        finished_at: string | null;
                        expires_at: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    deleteJobsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01936f7e-8a4b-7c2d-9e1f-0a1b2c3d4e5f",
                     *       "status": "succeeded",
                     *       "progress": 1,
                     *       "kind": "lattice.operation",
                     *       "operation": "distances",
                     *       "lattice_id": "01936f7e-0000-7000-8000-000000000001",
                     *       "parameters": {
                     *         "sources": [
                     *           [
                     *             0,
                     *             0
                     *           ]
                     *         ]
                     *       },
                     *       "attempts": 1,
                     *       "result": {
                     *         "reached": 1000000
                     *       },
                     *       "error": null,
                     *       "created_at": "2026-01-01T00:00:00.000Z",
                     *       "started_at": "2026-01-01T00:00:00.100Z",
                     *       "finished_at": "2026-01-01T00:00:01.000Z",
                     *       "expires_at": "2026-01-08T00:00:01.000Z"
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        id: string;
                        status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
                        progress: number;
                        kind: string;
                        operation: string;
                        lattice_id: string | null;
                        parameters: {
                            [key: string]: unknown;
                        };
                        attempts: number;
                        /** @description The operation result once succeeded */
                        result: unknown;
                        error: {
                            code: string;
                            detail: string;
                        } | null;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        created_at: string;
                        started_at: string | null;
                        finished_at: string | null;
                        expires_at: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getTenantsUsage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "tenant_id": "01936f7e-0000-7000-8000-000000000001",
                     *       "period": "2026-11",
                     *       "plan_code": "free",
                     *       "usage": {
                     *         "operations": {
                     *           "used": 42,
                     *           "limit": 1000
                     *         },
                     *         "lattices": {
                     *           "used": 2,
                     *           "limit": 5
                     *         }
                     *       },
                     *       "limits": {
                     *         "lattices": 5,
                     *         "max_dimensions": 4,
                     *         "max_size": 1000,
                     *         "max_materialized_vertices": 1000000,
                     *         "requests_per_minute": 120,
                     *         "compute_per_minute": 10,
                     *         "monthly_operations": 1000,
                     *         "gpu_allowed": false
                     *       }
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        tenant_id: string;
                        /** @description Calendar month (UTC) */
                        period: string;
                        plan_code: string;
                        usage: {
                            operations: {
                                used: number;
                                /** @description -1 means unlimited */
                                limit: number;
                            };
                            lattices: {
                                used: number;
                                /** @description -1 means unlimited */
                                limit: number;
                            };
                        };
                        limits: {
                            lattices: number;
                            max_dimensions: number;
                            max_size: number;
                            max_materialized_vertices: number;
                            requests_per_minute: number;
                            compute_per_minute: number;
                            monthly_operations: number;
                            gpu_allowed: boolean;
                        };
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getAdminTenants: {
        parameters: {
            query: {
                limit: number;
                cursor?: string;
                /** @description Only tenants in this status */
                status?: "active" | "suspended";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of tenants, newest first */
            200: {
                headers: {
                    /** @description Items matching the filters across all pages */
                    "X-Total-Count"?: number;
                    /** @description RFC 8288 link to the next page (rel="next"); absent on the last page */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        id: string;
                        name: string;
                        /** @description Stable, URL-safe handle, chosen at registration */
                        slug: string;
                        plan_code: string;
                        plan_name: string;
                        /** @enum {string} */
                        status: "active" | "suspended";
                        limits: {
                            /** @description Lattices the tenant may keep; -1 means unlimited */
                            lattices: number;
                            /** @description Dimensions a lattice may have; -1 means unlimited */
                            max_dimensions: number;
                            /** @description Points per side of a lattice; -1 means unlimited */
                            max_size: number;
                            /** @description Vertices one operation may materialise; -1 means unlimited */
                            max_materialized_vertices: number;
                            /** @description API requests per minute; -1 means unlimited */
                            requests_per_minute: number;
                            /** @description Compute operations (path, transform, analyze, ...) per minute; -1 means unlimited */
                            compute_per_minute: number;
                            /** @description Operations per calendar month; -1 means unlimited */
                            monthly_operations: number;
                            /** @description Whether operations may run on a GPU */
                            gpu_allowed: boolean;
                        };
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        updated_at: string;
                    }[];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postAdminTenantsIdSuspend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01920c8e-7b2a-7c3d-9e4f-5a6b7c8d9e0f",
                     *       "name": "Acme Research",
                     *       "slug": "acme-research",
                     *       "plan_code": "free",
                     *       "plan_name": "Free",
                     *       "status": "active",
                     *       "limits": {
                     *         "lattices": 5,
                     *         "max_dimensions": 4,
                     *         "max_size": 1000,
                     *         "max_materialized_vertices": 1000000,
                     *         "requests_per_minute": 120,
                     *         "compute_per_minute": 10,
                     *         "monthly_operations": 1000,
                     *         "gpu_allowed": false
                     *       },
                     *       "created_at": "2025-01-15T09:30:00.000Z",
                     *       "updated_at": "2025-01-15T09:30:00.000Z"
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        id: string;
                        name: string;
                        /** @description Stable, URL-safe handle, chosen at registration */
                        slug: string;
                        plan_code: string;
                        plan_name: string;
                        /** @enum {string} */
                        status: "active" | "suspended";
                        limits: {
                            /** @description Lattices the tenant may keep; -1 means unlimited */
                            lattices: number;
                            /** @description Dimensions a lattice may have; -1 means unlimited */
                            max_dimensions: number;
                            /** @description Points per side of a lattice; -1 means unlimited */
                            max_size: number;
                            /** @description Vertices one operation may materialise; -1 means unlimited */
                            max_materialized_vertices: number;
                            /** @description API requests per minute; -1 means unlimited */
                            requests_per_minute: number;
                            /** @description Compute operations (path, transform, analyze, ...) per minute; -1 means unlimited */
                            compute_per_minute: number;
                            /** @description Operations per calendar month; -1 means unlimited */
                            monthly_operations: number;
                            /** @description Whether operations may run on a GPU */
                            gpu_allowed: boolean;
                        };
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        updated_at: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postAdminTenantsIdReactivate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01920c8e-7b2a-7c3d-9e4f-5a6b7c8d9e0f",
                     *       "name": "Acme Research",
                     *       "slug": "acme-research",
                     *       "plan_code": "free",
                     *       "plan_name": "Free",
                     *       "status": "active",
                     *       "limits": {
                     *         "lattices": 5,
                     *         "max_dimensions": 4,
                     *         "max_size": 1000,
                     *         "max_materialized_vertices": 1000000,
                     *         "requests_per_minute": 120,
                     *         "compute_per_minute": 10,
                     *         "monthly_operations": 1000,
                     *         "gpu_allowed": false
                     *       },
                     *       "created_at": "2025-01-15T09:30:00.000Z",
                     *       "updated_at": "2025-01-15T09:30:00.000Z"
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        id: string;
                        name: string;
                        /** @description Stable, URL-safe handle, chosen at registration */
                        slug: string;
                        plan_code: string;
                        plan_name: string;
                        /** @enum {string} */
                        status: "active" | "suspended";
                        limits: {
                            /** @description Lattices the tenant may keep; -1 means unlimited */
                            lattices: number;
                            /** @description Dimensions a lattice may have; -1 means unlimited */
                            max_dimensions: number;
                            /** @description Points per side of a lattice; -1 means unlimited */
                            max_size: number;
                            /** @description Vertices one operation may materialise; -1 means unlimited */
                            max_materialized_vertices: number;
                            /** @description API requests per minute; -1 means unlimited */
                            requests_per_minute: number;
                            /** @description Compute operations (path, transform, analyze, ...) per minute; -1 means unlimited */
                            compute_per_minute: number;
                            /** @description Operations per calendar month; -1 means unlimited */
                            monthly_operations: number;
                            /** @description Whether operations may run on a GPU */
                            gpu_allowed: boolean;
                        };
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        updated_at: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    putAdminTenantsIdPlan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "plan_code": "pro"
                 *     }
                 */
                "application/json": {
                    /** @description free, starter, pro (alias professional) or enterprise; an unknown code is 422 */
                    plan_code: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01920c8e-7b2a-7c3d-9e4f-5a6b7c8d9e0f",
                     *       "name": "Acme Research",
                     *       "slug": "acme-research",
                     *       "plan_code": "free",
                     *       "plan_name": "Free",
                     *       "status": "active",
                     *       "limits": {
                     *         "lattices": 5,
                     *         "max_dimensions": 4,
                     *         "max_size": 1000,
                     *         "max_materialized_vertices": 1000000,
                     *         "requests_per_minute": 120,
                     *         "compute_per_minute": 10,
                     *         "monthly_operations": 1000,
                     *         "gpu_allowed": false
                     *       },
                     *       "created_at": "2025-01-15T09:30:00.000Z",
                     *       "updated_at": "2025-01-15T09:30:00.000Z"
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        id: string;
                        name: string;
                        /** @description Stable, URL-safe handle, chosen at registration */
                        slug: string;
                        plan_code: string;
                        plan_name: string;
                        /** @enum {string} */
                        status: "active" | "suspended";
                        limits: {
                            /** @description Lattices the tenant may keep; -1 means unlimited */
                            lattices: number;
                            /** @description Dimensions a lattice may have; -1 means unlimited */
                            max_dimensions: number;
                            /** @description Points per side of a lattice; -1 means unlimited */
                            max_size: number;
                            /** @description Vertices one operation may materialise; -1 means unlimited */
                            max_materialized_vertices: number;
                            /** @description API requests per minute; -1 means unlimited */
                            requests_per_minute: number;
                            /** @description Compute operations (path, transform, analyze, ...) per minute; -1 means unlimited */
                            compute_per_minute: number;
                            /** @description Operations per calendar month; -1 means unlimited */
                            monthly_operations: number;
                            /** @description Whether operations may run on a GPU */
                            gpu_allowed: boolean;
                        };
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        updated_at: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getWebhooks: {
        parameters: {
            query: {
                limit: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Webhook endpoints */
            200: {
                headers: {
                    /** @description Items matching the filters across all pages */
                    "X-Total-Count"?: number;
                    /** @description RFC 8288 link to the next page (rel="next"); absent on the last page */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        id: string;
                        url: string;
                        description: string | null;
                        events: string[];
                        /** @description Deliveries go out (status active) */
                        active: boolean;
                        /**
                         * @description paused by the tenant, or disabled because the receiver answered 410 Gone
                         * @enum {string}
                         */
                        status: "active" | "paused" | "disabled";
                        disabled_reason: string | null;
                        retry_config: {
                            /** @description Retries after the first attempt before the delivery is dead (default 10) */
                            max_retries: number;
                            /** @description Base of the exponential backoff: retry n waits a random time up to retry_delay_seconds·2^(n-1) (full jitter, at most an hour), or what Retry-After asks (default 30) */
                            retry_delay_seconds: number;
                        };
                        /** @description Until then the secret before the last rotation signs too (a second v1 signature) */
                        previous_secret_expires_at: string | null;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        updated_at: string;
                    }[];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "url": "https://example.com/hooks",
                 *       "events": [
                 *         "lattice.*",
                 *         "job.*"
                 *       ],
                 *       "description": "Build pipeline",
                 *       "retry_config": {
                 *         "max_retries": 5,
                 *         "retry_delay_seconds": 10
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @description http(s) URL the events are POSTed to. Hosts resolving to loopback, private, CGNAT, link-local, multicast or unspecified addresses are refused (loopback only unless WEBHOOK_ALLOW_LOOPBACK=true) */
                    url: string;
                    events: ("*" | "lattice.created" | "lattice.updated" | "lattice.deleted" | "transformation.completed" | "operation.completed" | "job.completed" | "job.failed" | "webhook.test" | "lattice.*" | "transformation.*" | "operation.*" | "job.*" | "webhook.*")[];
                    /** @description Signing secret: `whsec_` + base64 (the key is the decoded bytes), or any other 8–256 characters (the key is their UTF-8 bytes). Generated when omitted */
                    secret?: string;
                    description?: string;
                    retry_config?: {
                        /** @description Retries after the first attempt before the delivery is dead (default 10) */
                        max_retries: number;
                        /** @description Base of the exponential backoff: retry n waits a random time up to retry_delay_seconds·2^(n-1) (full jitter, at most an hour), or what Retry-After asks (default 30) */
                        retry_delay_seconds: number;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01920c91-2b3c-7d4e-9f5a-6b7c8d9e0f1a",
                     *       "url": "https://example.com/hooks",
                     *       "description": "Build pipeline",
                     *       "events": [
                     *         "lattice.*",
                     *         "job.*"
                     *       ],
                     *       "active": true,
                     *       "status": "active",
                     *       "disabled_reason": null,
                     *       "retry_config": {
                     *         "max_retries": 5,
                     *         "retry_delay_seconds": 10
                     *       },
                     *       "previous_secret_expires_at": null,
                     *       "created_at": "2025-01-15T09:30:00.000Z",
                     *       "updated_at": "2025-01-15T09:30:00.000Z",
                     *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw2Nf8S2zWnJk="
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        id: string;
                        url: string;
                        description: string | null;
                        events: string[];
                        /** @description Deliveries go out (status active) */
                        active: boolean;
                        /**
                         * @description paused by the tenant, or disabled because the receiver answered 410 Gone
                         * @enum {string}
                         */
                        status: "active" | "paused" | "disabled";
                        disabled_reason: string | null;
                        retry_config: {
                            /** @description Retries after the first attempt before the delivery is dead (default 10) */
                            max_retries: number;
                            /** @description Base of the exponential backoff: retry n waits a random time up to retry_delay_seconds·2^(n-1) (full jitter, at most an hour), or what Retry-After asks (default 30) */
                            retry_delay_seconds: number;
                        };
                        /** @description Until then the secret before the last rotation signs too (a second v1 signature) */
                        previous_secret_expires_at: string | null;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        updated_at: string;
                        /** @description The signing secret. Shown only in this response */
                        secret: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getWebhooksId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01920c91-2b3c-7d4e-9f5a-6b7c8d9e0f1a",
                     *       "url": "https://example.com/hooks",
                     *       "description": "Build pipeline",
                     *       "events": [
                     *         "lattice.*",
                     *         "job.*"
                     *       ],
                     *       "active": true,
                     *       "status": "active",
                     *       "disabled_reason": null,
                     *       "retry_config": {
                     *         "max_retries": 5,
                     *         "retry_delay_seconds": 10
                     *       },
                     *       "previous_secret_expires_at": null,
                     *       "created_at": "2025-01-15T09:30:00.000Z",
                     *       "updated_at": "2025-01-15T09:30:00.000Z"
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        id: string;
                        url: string;
                        description: string | null;
                        events: string[];
                        /** @description Deliveries go out (status active) */
                        active: boolean;
                        /**
                         * @description paused by the tenant, or disabled because the receiver answered 410 Gone
                         * @enum {string}
                         */
                        status: "active" | "paused" | "disabled";
                        disabled_reason: string | null;
                        retry_config: {
                            /** @description Retries after the first attempt before the delivery is dead (default 10) */
                            max_retries: number;
                            /** @description Base of the exponential backoff: retry n waits a random time up to retry_delay_seconds·2^(n-1) (full jitter, at most an hour), or what Retry-After asks (default 30) */
                            retry_delay_seconds: number;
                        };
                        /** @description Until then the secret before the last rotation signs too (a second v1 signature) */
                        previous_secret_expires_at: string | null;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        updated_at: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    deleteWebhooksId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    patchWebhooksId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description http(s) URL the events are POSTed to. Hosts resolving to loopback, private, CGNAT, link-local, multicast or unspecified addresses are refused (loopback only unless WEBHOOK_ALLOW_LOOPBACK=true) */
                    url?: string;
                    events?: ("*" | "lattice.created" | "lattice.updated" | "lattice.deleted" | "transformation.completed" | "operation.completed" | "job.completed" | "job.failed" | "webhook.test" | "lattice.*" | "transformation.*" | "operation.*" | "job.*" | "webhook.*")[];
                    description?: string | null;
                    retry_config?: {
                        /** @description Retries after the first attempt before the delivery is dead (default 10) */
                        max_retries: number;
                        /** @description Base of the exponential backoff: retry n waits a random time up to retry_delay_seconds·2^(n-1) (full jitter, at most an hour), or what Retry-After asks (default 30) */
                        retry_delay_seconds: number;
                    };
                    /** @description false pauses deliveries (they wait); true resumes them, also after a 410 disabled the endpoint */
                    active?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01920c91-2b3c-7d4e-9f5a-6b7c8d9e0f1a",
                     *       "url": "https://example.com/hooks",
                     *       "description": "Build pipeline",
                     *       "events": [
                     *         "lattice.*",
                     *         "job.*"
                     *       ],
                     *       "active": true,
                     *       "status": "active",
                     *       "disabled_reason": null,
                     *       "retry_config": {
                     *         "max_retries": 5,
                     *         "retry_delay_seconds": 10
                     *       },
                     *       "previous_secret_expires_at": null,
                     *       "created_at": "2025-01-15T09:30:00.000Z",
                     *       "updated_at": "2025-01-15T09:30:00.000Z"
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        id: string;
                        url: string;
                        description: string | null;
                        events: string[];
                        /** @description Deliveries go out (status active) */
                        active: boolean;
                        /**
                         * @description paused by the tenant, or disabled because the receiver answered 410 Gone
                         * @enum {string}
                         */
                        status: "active" | "paused" | "disabled";
                        disabled_reason: string | null;
                        retry_config: {
                            /** @description Retries after the first attempt before the delivery is dead (default 10) */
                            max_retries: number;
                            /** @description Base of the exponential backoff: retry n waits a random time up to retry_delay_seconds·2^(n-1) (full jitter, at most an hour), or what Retry-After asks (default 30) */
                            retry_delay_seconds: number;
                        };
                        /** @description Until then the secret before the last rotation signs too (a second v1 signature) */
                        previous_secret_expires_at: string | null;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        updated_at: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postWebhooksIdRotateSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Signing secret: `whsec_` + base64 (the key is the decoded bytes), or any other 8–256 characters (the key is their UTF-8 bytes). Generated when omitted */
                    secret?: string;
                    /** @description How long the old secret keeps signing beside the new one (default WEBHOOK_SECRET_OVERLAP_SECONDS) */
                    overlap_seconds?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01920c91-2b3c-7d4e-9f5a-6b7c8d9e0f1a",
                     *       "url": "https://example.com/hooks",
                     *       "description": "Build pipeline",
                     *       "events": [
                     *         "lattice.*",
                     *         "job.*"
                     *       ],
                     *       "active": true,
                     *       "status": "active",
                     *       "disabled_reason": null,
                     *       "retry_config": {
                     *         "max_retries": 5,
                     *         "retry_delay_seconds": 10
                     *       },
                     *       "previous_secret_expires_at": null,
                     *       "created_at": "2025-01-15T09:30:00.000Z",
                     *       "updated_at": "2025-01-15T09:30:00.000Z",
                     *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw2Nf8S2zWnJk="
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        id: string;
                        url: string;
                        description: string | null;
                        events: string[];
                        /** @description Deliveries go out (status active) */
                        active: boolean;
                        /**
                         * @description paused by the tenant, or disabled because the receiver answered 410 Gone
                         * @enum {string}
                         */
                        status: "active" | "paused" | "disabled";
                        disabled_reason: string | null;
                        retry_config: {
                            /** @description Retries after the first attempt before the delivery is dead (default 10) */
                            max_retries: number;
                            /** @description Base of the exponential backoff: retry n waits a random time up to retry_delay_seconds·2^(n-1) (full jitter, at most an hour), or what Retry-After asks (default 30) */
                            retry_delay_seconds: number;
                        };
                        /** @description Until then the secret before the last rotation signs too (a second v1 signature) */
                        previous_secret_expires_at: string | null;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        updated_at: string;
                        /** @description The signing secret. Shown only in this response */
                        secret: string;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postWebhooksIdTest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "event_id": "01920c92-3c4d-7e5f-8a6b-7c8d9e0f1a00",
                     *       "event": "webhook.test"
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        event_id: string;
                        /** @enum {string} */
                        event: "webhook.test";
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getWebhooksIdDeliveries: {
        parameters: {
            query: {
                limit: number;
                cursor?: string;
                /** @description Only deliveries in this status */
                status?: "pending" | "succeeded" | "failed" | "dead";
            };
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deliveries */
            200: {
                headers: {
                    /** @description Items matching the filters across all pages */
                    "X-Total-Count"?: number;
                    /** @description RFC 8288 link to the next page (rel="next"); absent on the last page */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        id: string;
                        /** @description UUID (time-ordered v7) */
                        webhook_id: string;
                        /** @description The event; also the `webhook-id` header, the same on every attempt */
                        event_id: string;
                        event: string;
                        /**
                         * @description pending: not tried yet; failed: the last attempt failed, another is due at next_attempt_at; dead: retries exhausted
                         * @enum {string}
                         */
                        status: "pending" | "succeeded" | "failed" | "dead";
                        attempts: number;
                        /** @description Attempts after the first */
                        retry_count: number;
                        response_status: number | null;
                        /** @description The error of the latest failed attempt (kept after a later success) */
                        last_error: string | null;
                        /** @description null once succeeded or dead */
                        next_attempt_at: string | null;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        created_at: string;
                        delivered_at: string | null;
                    }[];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postWebhooksIdDeliveriesDeliveryIdRetry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description UUID (time-ordered v7) */
                id: string;
                /** @description UUID (time-ordered v7) */
                delivery_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "01920c92-3c4d-7e5f-8a6b-7c8d9e0f1a2b",
                     *       "webhook_id": "01920c91-2b3c-7d4e-9f5a-6b7c8d9e0f1a",
                     *       "event_id": "01920c92-3c4d-7e5f-8a6b-7c8d9e0f1a00",
                     *       "event": "lattice.created",
                     *       "status": "succeeded",
                     *       "attempts": 2,
                     *       "retry_count": 1,
                     *       "response_status": 200,
                     *       "last_error": "HTTP 503",
                     *       "next_attempt_at": null,
                     *       "created_at": "2025-01-15T09:30:00.000Z",
                     *       "delivered_at": "2025-01-15T09:30:04.000Z"
                     *     }
                     */
                    "application/json": {
                        /** @description UUID (time-ordered v7) */
                        id: string;
                        /** @description UUID (time-ordered v7) */
                        webhook_id: string;
                        /** @description The event; also the `webhook-id` header, the same on every attempt */
                        event_id: string;
                        event: string;
                        /**
                         * @description pending: not tried yet; failed: the last attempt failed, another is due at next_attempt_at; dead: retries exhausted
                         * @enum {string}
                         */
                        status: "pending" | "succeeded" | "failed" | "dead";
                        attempts: number;
                        /** @description Attempts after the first */
                        retry_count: number;
                        response_status: number | null;
                        /** @description The error of the latest failed attempt (kept after a later success) */
                        last_error: string | null;
                        /** @description null once succeeded or dead */
                        next_attempt_at: string | null;
                        /**
                         * Format: date-time
                         * @description ISO-8601 UTC
                         */
                        created_at: string;
                        delivered_at: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description RFC 9457 problem details */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
}
