import type { Page } from 'playwright-core';

/*
 * Reads back what the console drew: the pixels of the lattice map's canvases
 * (one pixel per cell) and the slice they show, so tests compare the picture
 * with the API's answer cell by cell.
 */

export interface DrawnMap {
  rows: number;
  cols: number;
  rowOrigin: number;
  colOrigin: number;
  layer: string;
  /** RGBA of the base layer, row by row. */
  base: number[];
  /** RGBA of the marks layer (transparent where nothing is marked). */
  marks: number[];
}

export async function readMap(page: Page): Promise<DrawnMap> {
  return page.evaluate(() => {
    const base = document.querySelector<HTMLCanvasElement>('canvas.map-base')!;
    const marks = document.querySelector<HTMLCanvasElement>('canvas.map-marks')!;
    const pixels = (c: HTMLCanvasElement) => Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data);
    return {
      rows: base.height,
      cols: base.width,
      rowOrigin: Number(base.dataset.rowOrigin),
      colOrigin: Number(base.dataset.colOrigin),
      layer: base.dataset.layer ?? '',
      base: pixels(base),
      marks: pixels(marks),
    };
  });
}

/** Lattice coordinates [row, col] of every marked cell of a 2-D map, sorted. */
export function markedCells(map: DrawnMap): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < map.rows * map.cols; i++) {
    if (map.marks[4 * i + 3] > 0) out.push([Math.floor(i / map.cols) + map.rowOrigin, (i % map.cols) + map.colOrigin]);
  }
  return out.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

export const rgbAt = (map: DrawnMap, row: number, col: number): [number, number, number] => {
  const i = 4 * ((row - map.rowOrigin) * map.cols + (col - map.colOrigin));
  return [map.base[i], map.base[i + 1], map.base[i + 2]];
};

/** What the marks canvas said (data-mark-count) and showed (opaque pixels) at one DOM change. */
export interface MarksSeen {
  stated: number;
  painted: number;
}

/**
 * Records, at every DOM change, the mark count the marks canvas states and the
 * marked pixels it shows. A mutation observer runs right after the render that
 * changed the DOM, so a canvas painted a frame later shows up as a mismatch
 * however fast or slow the machine is.
 */
export async function watchMarksAgreeWithPicture(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: { stated: number; painted: number }[] = [];
    (window as unknown as { __marksSeen: typeof seen }).__marksSeen = seen;
    new MutationObserver(() => {
      const marks = document.querySelector<HTMLCanvasElement>('canvas.map-marks');
      if (!marks) return;
      const stated = Number(marks.dataset.markCount);
      const data = marks.getContext('2d')!.getImageData(0, 0, marks.width, marks.height).data;
      let painted = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
      const last = seen.at(-1);
      if (!last || last.stated !== stated || last.painted !== painted) seen.push({ stated, painted });
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-mark-count'] });
  });
}

export const marksSeenByObserver = (page: Page): Promise<MarksSeen[]> =>
  page.evaluate(() => (window as unknown as { __marksSeen: MarksSeen[] }).__marksSeen);
