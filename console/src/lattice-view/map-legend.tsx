import { formatNumber } from '../format';
import type { MapLayer } from './map-layers';

/** What the colours of the base layer mean (colours from palette.ts, mirrored in console.css). */
export function MapLegend({ layer }: { layer: MapLayer }) {
  const obstacle = (
    <span class="legend-item">
      <span class="swatch swatch-obstacle" aria-hidden="true" /> obstacle
    </span>
  );
  switch (layer.kind) {
    case 'obstacles':
      return (
        <p class="legend">
          {obstacle}
          <span class="legend-item">
            <span class="swatch swatch-free" aria-hidden="true" /> free
          </span>
        </p>
      );
    case 'distances':
    case 'diffusion': {
      const [lo, hi] = layer.kind === 'distances' ? ['0', `${layer.max} hops`] : [formatNumber(layer.min), formatNumber(layer.max)];
      return (
        <p class="legend">
          {obstacle}
          {layer.kind === 'distances' && (
            <span class="legend-item">
              <span class="swatch swatch-unreached" aria-hidden="true" /> unreached
            </span>
          )}
          <span class="legend-item">
            {lo} <span class="legend-ramp" aria-hidden="true" /> {hi}
          </span>
        </p>
      );
    }
    case 'components':
      return (
        <p class="legend">
          {obstacle} one colour per component ({layer.count})
        </p>
      );
    case 'partition':
      return (
        <p class="legend">
          {obstacle} one colour per part ({layer.parts.length})
        </p>
      );
  }
}
