import { expect } from '@open-wc/testing';
import {
  MAX_MS_PER_PX,
  MIN_MS_PER_PX,
  bucketStep,
  fitRange,
  followView,
  panBy,
  tickStep,
  ticks,
  timeAt,
  viewOf,
  xOf,
  zoomAt,
} from './time-scale.js';

const H = 3_600_000;
const T = Date.UTC(2026, 0, 5, 10, 0, 0);

describe('time scale', () => {
  it('maps time to pixels and back', () => {
    const v = { start: T, msPerPx: 100 };
    expect(xOf(v, T + 5000)).to.equal(50);
    expect(timeAt(v, 50)).to.equal(T + 5000);
    expect(viewOf(T, T + 60_000, 600)).to.deep.equal({ start: T, msPerPx: 100 });
  });

  it('zooms around a point, within bounds', () => {
    const v = { start: T, msPerPx: 100 };
    const z = zoomAt(v, 2, 300);
    expect(z.msPerPx).to.equal(50);
    expect(timeAt(z, 300)).to.equal(timeAt(v, 300));
    expect(zoomAt(v, 1e9, 0).msPerPx).to.equal(MIN_MS_PER_PX);
    expect(zoomAt(v, 1e-9, 0).msPerPx).to.equal(MAX_MS_PER_PX);
  });

  it('pans, fits and follows', () => {
    const v = { start: T, msPerPx: 100 };
    expect(panBy(v, 10).start).to.equal(T + 1000);
    const f = fitRange(T, T + 10 * H, 1000, 0);
    expect(f.msPerPx).to.equal(36_000);
    expect(f.start).to.equal(T);
    const fl = followView(v, T + 100_000, 1000, 100);
    expect(xOf(fl, T + 100_000)).to.equal(900);
  });

  it('ticks adapt to the zoom: seconds to days, on round local times', () => {
    expect(tickStep(10)).to.equal(1000);
    expect(tickStep(100)).to.equal(10_000);
    expect(tickStep(1000)).to.equal(120_000);
    expect(tickStep(60_000)).to.equal(2 * H);
    expect(tickStep(H)).to.equal(7 * 24 * H);
    const utc = () => 0;
    const sec = ticks({ start: T + 300, msPerPx: 10 }, 500, 80, utc);
    expect(sec.map((t) => t.time - T)).to.deep.equal([1000, 2000, 3000, 4000, 5000]);
    expect(sec[0].unit).to.equal('second');
    expect(sec[0].x).to.equal(70);
    // A day view: ticks at midnight in the zone (UTC+2 here), marked as day starts.
    const plus2 = () => 120;
    const days = ticks({ start: T, msPerPx: 1_000_000 }, 1000, 80, plus2);
    expect(days.length).to.be.greaterThan(5);
    for (const t of days) {
      expect(t.unit).to.equal('day');
      expect((t.time + 2 * H) % (24 * H)).to.equal(0);
      expect(t.dayStart).to.equal(true);
    }
  });

  it('activity buckets are round and a few pixels wide', () => {
    expect(bucketStep(100)).to.equal(1000);
    expect(bucketStep(1000)).to.equal(5000);
    expect(bucketStep(60_000) % 60_000).to.equal(0);
  });
});
