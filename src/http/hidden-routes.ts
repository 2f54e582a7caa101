import type { FastifyPluginAsync } from 'fastify';

/** Mounts route plugins without listing their routes in the OpenAPI document: aliases and compat paths of old clients. */
export function hiddenFromOpenApi(plugins: FastifyPluginAsync[]): FastifyPluginAsync {
  return async (app) => {
    app.addHook('onRoute', (route) => {
      route.schema = { ...(route.schema ?? {}), hide: true };
    });
    for (const plugin of plugins) await app.register(plugin);
  };
}
