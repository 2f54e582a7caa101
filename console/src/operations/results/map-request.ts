import type { MapMarks } from '../../lattice-view/lattice-canvas';
import type { MapLayer } from '../../lattice-view/map-layers';

/** What a result asks the lattice map to show; null members leave the map's current one. */
export interface MapRequest {
  layer?: MapLayer;
  marks?: MapMarks | null;
}

export type ShowOnMap = (request: MapRequest) => void;
