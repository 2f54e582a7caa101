import { useEffect, useRef } from 'preact/hooks';
import type uPlot from 'uplot';

// uPlot (and its stylesheet) load with the first chart, not with the console: most pages draw none.
const loadUPlot = () => Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([m]) => m.default);

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  style?: 'line' | 'bars' | 'points';
}

interface ChartProps {
  title: string;
  xLabel: string;
  yLabel: string;
  x: number[];
  series: ChartSeries[];
  /** What the chart shows, read by screen readers in place of the drawing. */
  summary: string;
}

const COLOURS = ['#1d3557', '#e63946', '#2a9d8f', '#e9c46a'];

/** A uPlot chart that follows its container's width. */
export function Chart({ title, xLabel, yLabel, x, series, summary }: ChartProps) {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    let plot: uPlot | null = null;
    let resize: ResizeObserver | null = null;
    let live = true;
    void loadUPlot().then((UPlot) => {
      if (!live) return;
      plot = draw(UPlot, el);
      resize = new ResizeObserver(() => plot?.setSize({ width: Math.max(240, el.clientWidth), height: 220 }));
      resize.observe(el);
    });
    return () => {
      live = false;
      resize?.disconnect();
      plot?.destroy();
    };
  }, [x, series, xLabel, yLabel]);

  const draw = (UPlot: typeof uPlot, el: HTMLElement) => {
    const width = () => Math.max(240, el.clientWidth);
    const opts: uPlot.Options = {
      width: width(),
      height: 220,
      legend: { show: false },
      cursor: { show: true, drag: { x: false, y: false } },
      scales: { x: { time: false } },
      axes: [{ label: xLabel }, { label: yLabel, size: 60 }],
      series: [
        {},
        ...series.map((s, i) => ({
          label: s.label,
          stroke: COLOURS[i % COLOURS.length],
          fill: s.style === 'bars' ? `${COLOURS[i % COLOURS.length]}99` : undefined,
          width: s.style === 'points' ? 0 : 2,
          paths: s.style === 'bars' ? UPlot.paths.bars!({ size: [0.9, 40] }) : undefined,
          points: { show: s.style === 'points' || x.length < 2, size: 6 },
        })),
      ],
    };
    return new UPlot(opts, [x, ...series.map((s) => s.values)] as uPlot.AlignedData, el);
  };

  return (
    <figure class="chart">
      <figcaption>
        <strong>{title}</strong>
        {series.length > 1 && (
          <span class="chart-key">
            {series.map((s, i) => (
              <span key={s.label} class={`key key-${i}`}>
                {s.label}
              </span>
            ))}
          </span>
        )}
      </figcaption>
      <div ref={host} class="chart-host" role="img" aria-label={summary} />
    </figure>
  );
}
