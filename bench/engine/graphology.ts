import { createRequire } from 'node:module';

/*
 * graphology and its libraries, loaded with require(): they ship CommonJS
 * whose typings claim ES default exports, so an ESM import would get the
 * module object instead of the function.
 */
const require = createRequire(import.meta.url);
const GraphClass = require('graphology') as typeof import('graphology').default;
export type Graph = InstanceType<typeof GraphClass>;

export const { bidirectional, singleSourceLength } =
  require('graphology-shortest-path/unweighted') as typeof import('graphology-shortest-path/unweighted.js');
export const { bfsFromNode } = require('graphology-traversal') as typeof import('graphology-traversal');
export const { connectedComponents } = require('graphology-components') as typeof import('graphology-components');
export const betweennessCentrality =
  require('graphology-metrics/centrality/betweenness') as typeof import('graphology-metrics/centrality/betweenness.js').default;
export const closenessCentrality =
  require('graphology-metrics/centrality/closeness') as typeof import('graphology-metrics/centrality/closeness.js').default;

/**
 * The open grid graph of `shape` as an undirected graphology Graph: node i is
 * the row-major index (last dimension fastest), edges join ±1 neighbours.
 */
export function graphologyGrid(shape: readonly number[]): Graph {
  const d = shape.length;
  const strides = new Array<number>(d);
  let s = 1;
  for (let k = d - 1; k >= 0; k--) {
    strides[k] = s;
    s *= shape[k];
  }
  const V = s;
  const g = new GraphClass({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (let i = 0; i < V; i++) g.addNode(i);
  for (let i = 0; i < V; i++) {
    for (let k = 0; k < d; k++) {
      const c = Math.floor(i / strides[k]) % shape[k];
      if (c + 1 < shape[k]) g.addEdge(i, i + strides[k]);
    }
  }
  return g;
}
