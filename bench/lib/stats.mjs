// Order statistics for repeated measurements.

/** Linear-interpolated percentile (p in 0..100) of a list of numbers; NaN when empty. */
export function percentile(values, p) {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!xs.length) return NaN;
  const rank = (p / 100) * (xs.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return xs[lo] + (xs[hi] - xs[lo]) * (rank - lo);
}

/** `{ median, min, max, runs }` of the finite values. */
export function summarize(values) {
  const xs = values.filter((v) => Number.isFinite(v));
  return {
    median: percentile(xs, 50),
    min: xs.length ? Math.min(...xs) : NaN,
    max: xs.length ? Math.max(...xs) : NaN,
    runs: values,
  };
}
