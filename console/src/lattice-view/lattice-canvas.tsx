import { useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import type { Lattice } from '../../../src/engine/lattice';
import { MapLegend } from './map-legend';
import { LAYER_NAMES, paintLayer, type MapLayer } from './map-layers';
import { MARK } from './palette';
import { cellOf, type Slice } from './slice';

/** Performance mark set when the first lattice map of a page load is drawn. */
export const MAP_DRAWN = 'lattice-map-drawn';

/** Vertices drawn over the base layer: a path, a neighbourhood, the top centrality vertices. */
export interface MapMarks {
  kind: 'path' | 'neighbors' | 'centrality' | 'sources';
  label: string;
  vertices: number[][];
}

interface LatticeCanvasProps {
  lattice: Lattice;
  slice: Slice;
  layer: MapLayer;
  marks: MapMarks | null;
  description: string;
}

/**
 * Two stacked canvases, one pixel per cell (scaled up by CSS, pixelated): the
 * base layer and, above it, the marks on a transparent canvas. The data
 * attributes say what is drawn where, for people reading the DOM and for tests.
 */
export function LatticeCanvas({ lattice, slice, layer, marks, description }: LatticeCanvasProps) {
  const base = useRef<HTMLCanvasElement>(null);
  const overlay = useRef<HTMLCanvasElement>(null);

  // Layout effects paint in the same task as the render that sets the data
  // attributes, so the DOM never says a layer or mark count the canvas does not
  // yet show (a plain effect waits for the next frame, and a reader in between
  // saw new attributes over an old picture).
  useLayoutEffect(() => {
    const ctx = base.current?.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(paintLayer(lattice, slice, layer), slice.cols, slice.rows), 0, 0);
    // The lattice page's first render, as bench/console measures it: the map drawn once.
    if (performance.getEntriesByName(MAP_DRAWN).length === 0) performance.mark(MAP_DRAWN);
  }, [lattice, slice, layer]);

  const drawn = useMemo(
    () => (marks ? marks.vertices.map((v) => cellOf(slice, v)).filter((c): c is [number, number] => c !== null) : []),
    [marks, slice],
  );
  useLayoutEffect(() => {
    const ctx = overlay.current?.getContext('2d');
    if (!ctx) return;
    const px = new Uint8ClampedArray(slice.rows * slice.cols * 4);
    for (const [r, c] of drawn) {
      const i = 4 * (r * slice.cols + c);
      px[i] = MARK[0];
      px[i + 1] = MARK[1];
      px[i + 2] = MARK[2];
      px[i + 3] = 255;
    }
    ctx.putImageData(new ImageData(px, slice.cols, slice.rows), 0, 0);
  }, [drawn, slice]);

  const shownMarks = marks ? `; ${drawn.length} of ${marks.vertices.length} ${marks.label} in this view` : '';
  return (
    <figure class="lattice-map">
      <div
        class="map-stack"
        role="img"
        aria-label={`${LAYER_NAMES[layer.kind]}: ${description}${shownMarks}`}
        style={{ aspectRatio: `${slice.cols} / ${slice.rows}` }}
      >
        <canvas
          ref={base}
          class="map-base"
          width={slice.cols}
          height={slice.rows}
          data-layer={layer.kind}
          data-row-axis={slice.rowAxis ?? ''}
          data-col-axis={slice.colAxis}
          data-row-origin={slice.rowOrigin}
          data-col-origin={slice.colOrigin}
          data-fixed={slice.fixed.join(',')}
        />
        <canvas
          ref={overlay}
          class="map-marks"
          width={slice.cols}
          height={slice.rows}
          data-marks={marks?.kind ?? ''}
          data-mark-count={drawn.length}
        />
      </div>
      <figcaption>
        {LAYER_NAMES[layer.kind]}
        {marks && (
          <>
            {' '}
            with <span class="swatch swatch-mark" aria-hidden="true" /> {marks.label} ({drawn.length} of {marks.vertices.length} in view)
          </>
        )}
      </figcaption>
      <MapLegend layer={layer} />
    </figure>
  );
}
