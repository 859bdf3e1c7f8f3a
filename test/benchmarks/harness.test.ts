import { describe, expect, it } from 'vitest';
import { renderLogLogSvg } from '../../benchmarks/svg.js';
import { fmtMs, fmtRatio, measure, median, sink, sinkChecksum } from '../../benchmarks/lib.js';

describe('benchmark toolkit', () => {
  it('median of odd and even lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('measure runs warm-up + runs and returns the last result', async () => {
    let calls = 0;
    const t = await measure(() => ++calls, { warmup: 2, runs: 3 });
    expect(calls).toBe(5);
    expect(t.samplesMs.length).toBe(3);
    expect(t.last).toBe(5);
    expect(t.minMs).toBeLessThanOrEqual(t.medianMs);
  });

  it('sink folds results into a checksum', () => {
    const before = sinkChecksum();
    sink(new Float64Array(3));
    expect(sinkChecksum()).toBe((before + 24) | 0);
  });

  it('formats times and ratios', () => {
    expect(fmtMs(1.234)).toBe('1.23 ms');
    expect(fmtMs(123.4)).toBe('123 ms');
    expect(fmtMs(12_345)).toBe('12.3 s');
    expect(fmtRatio(2.345)).toBe('2.35×');
    expect(fmtRatio(NaN)).toBe('—');
  });
});

describe('renderLogLogSvg', () => {
  const chart = {
    id: 'x',
    title: 'T & <t>',
    xLabel: 'n',
    yLabel: 'ms',
    series: [
      { label: 'a', points: [{ x: 100, y: 1 }, { x: 10_000, y: 100 }] },
      { label: 'b', points: [{ x: 100, y: 0 }, { x: 1000, y: 5 }] },
    ],
  };

  it('is deterministic, escapes text and places decades on log axes', () => {
    const svg = renderLogLogSvg(chart);
    expect(renderLogLogSvg(chart)).toBe(svg);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('T &amp; &lt;t&gt;');
    // x decades 10^2..10^4 labelled 100, 1k, 10k; y decades 10^0..10^2.
    for (const label of ['>100<', '>1k<', '>10k<', '>1<', '>10<']) expect(svg).toContain(label);
    // Series a: a polyline through its two points; b: its zero point skipped, one marker left.
    expect(svg.match(/<polyline/g)?.length).toBe(1);
    expect(svg.match(/<circle/g)?.length).toBe(3);
  });

  it('draws a straight diagonal for a power law across the plot', () => {
    const svg = renderLogLogSvg({ ...chart, series: [chart.series[0]] });
    const pts = /points="([^"]+)"/.exec(svg)![1].split(' ').map((p) => p.split(',').map(Number));
    // From the bottom-left corner (70, 350) to the top-right one (470, 40) of the plot area.
    expect(pts).toEqual([[70, 350], [470, 40]]);
  });
});
