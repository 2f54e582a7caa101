type Security = { [scheme: string]: readonly string[] }[];

/** OpenAPI `security` of a route that needs credentials: a bearer access token or an API key. */
export const AUTHENTICATED: Security = [{ bearerAuth: [] }, { apiKeyAuth: [] }];

/** OpenAPI `security` of a public route. */
export const PUBLIC: Security = [];
