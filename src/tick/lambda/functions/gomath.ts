// Go `math` functions that JavaScript's Math lacks (erf, erfc, gamma, Bessel functions, logb)
// or defines differently at special values (pow, pow10). Special cases follow Go's
// documentation; the numerics are accurate to ~1e-15 (erf, gamma) and ~1e-10 (Bessel) but not
// bit-identical to Go's implementations.

const SQRT_PI = Math.sqrt(Math.PI);

/** math.Pow: like `**` except Pow(1, y) = 1 and Pow(-1, ±Inf) = 1 for any y. */
export function goPow(x: number, y: number): number {
  if (x === 1) return 1;
  if (x === -1 && !Number.isFinite(y) && !Number.isNaN(y)) return 1;
  return x ** y;
}

/** math.Pow10 */
export function goPow10(n: bigint): number {
  if (n < -323n) return 0;
  if (n > 308n) return Infinity;
  return Number(`1e${n}`);
}

/** math.Logb: the binary exponent of x. */
export function goLogb(x: number): number {
  if (x === 0) return -Infinity;
  if (!Number.isFinite(x)) return Number.isNaN(x) ? x : Infinity;
  const a = Math.abs(x);
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  else if (2 ** (e + 1) <= a) e++;
  return e;
}

// erf by its everywhere-positive series (no cancellation) below 2, erfc by continued fraction above.
export function goErf(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x === Infinity) return 1;
  if (x === -Infinity) return -1;
  if (x === 0) return x;
  const a = Math.abs(x);
  const r = a < 2 ? erfSeries(a) : 1 - erfcFraction(a);
  return x < 0 ? -r : r;
}

export function goErfc(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x === Infinity) return 0;
  if (x === -Infinity) return 2;
  if (x < 0) return 2 - goErfc(-x);
  return x < 0.5 ? 1 - erfSeries(x) : erfcFraction(x);
}

function erfSeries(x: number): number {
  // erf(x) = 2/√π · e^{-x²} · Σ 2ⁿ x^{2n+1} / (1·3·…·(2n+1))
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return (2 / SQRT_PI) * Math.exp(-x2) * sum;
}

function erfcFraction(x: number): number {
  // erfc(x) = e^{-x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), evaluated with Lentz's method.
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 5000; n++) {
    const an = n / 2;
    d = x + an * d;
    d = d === 0 ? tiny : d;
    c = x + an / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / SQRT_PI / f;
}

const lanczos = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** math.Gamma */
export function goGamma(x: number): number {
  if (Number.isNaN(x) || x === -Infinity) return Number.NaN;
  if (x === Infinity) return Infinity;
  if (x === 0) return Object.is(x, -0) ? -Infinity : Infinity;
  if (x < 0 && Number.isInteger(x)) return Number.NaN;
  if (x > 171.6144788718229) return Infinity;
  if (Number.isInteger(x)) {
    // Same multiplication order as Go, which is exact for small factorials.
    let z = 1;
    let v = x;
    while (v >= 3) {
      v -= 1;
      z *= v;
    }
    return z;
  }
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * goGamma(1 - x));
  const g = 7;
  const y = x - 1;
  let a = lanczos[0]!;
  const t = y + g + 0.5;
  for (let i = 1; i < lanczos.length; i++) a += lanczos[i]! / (y + i);
  return Math.sqrt(2 * Math.PI) * t ** (y + 0.5) * Math.exp(-t) * a;
}

// ---- Bessel functions ---------------------------------------------------------------------

const ASYMPTOTIC_FROM = 1000;

/** math.Jn: Bessel function of the first kind (order n), by Bessel's integral (trapezoid rule,
 * which converges exponentially for this periodic integrand). */
export function goJn(n: number, x: number): number {
  if (Number.isNaN(x)) return x;
  if (!Number.isFinite(x)) return 0;
  if (n < 0) return (n % 2 === 0 ? 1 : -1) * goJn(-n, x);
  if (Math.abs(x) > ASYMPTOTIC_FROM) {
    return (
      Math.sqrt(2 / (Math.PI * Math.abs(x))) *
      Math.cos(Math.abs(x) - (n * Math.PI) / 2 - Math.PI / 4) *
      (x < 0 && n % 2 === 1 ? -1 : 1)
    );
  }
  const steps = 2 * Math.ceil(Math.abs(x) + n + 40);
  let sum = 0;
  for (let k = 0; k <= steps; k++) {
    const tau = (Math.PI * k) / steps;
    const w = k === 0 || k === steps ? 0.5 : 1;
    sum += w * Math.cos(n * tau - x * Math.sin(tau));
  }
  return sum / steps;
}

/** math.Yn: Bessel function of the second kind (order n). */
export function goYn(n: number, x: number): number {
  if (Number.isNaN(x) || x < 0) return Number.NaN;
  if (x === Infinity) return 0;
  if (x === 0) return n < 0 && n % 2 !== 0 ? Infinity : -Infinity;
  if (n < 0) return (n % 2 === 0 ? 1 : -1) * goYn(-n, x);
  if (x > ASYMPTOTIC_FROM) {
    return Math.sqrt(2 / (Math.PI * x)) * Math.sin(x - (n * Math.PI) / 2 - Math.PI / 4);
  }
  // Y_n(x) = 1/π ∫₀^π sin(x sinθ − nθ) dθ − 1/π ∫₀^∞ (e^{nt} + (−1)ⁿ e^{−nt}) e^{−x sinh t} dt
  // This integrand is not periodic-symmetric, so use Simpson's rule with a fine grid.
  const first =
    simpson(
      (th) => Math.sin(x * Math.sin(th) - n * th),
      0,
      Math.PI,
      2 * Math.ceil(Math.max(1000, 50 * (x + n))),
    ) / Math.PI;
  // The second integrand decays like exp(nt - x sinh t); integrate until it is negligible.
  let upper = 1;
  while (n * upper - x * Math.sinh(upper) > -45) upper += 0.5;
  const sign = n % 2 === 0 ? 1 : -1;
  const f = (t: number): number =>
    (Math.exp(n * t) + sign * Math.exp(-n * t)) * Math.exp(-x * Math.sinh(t));
  const second = simpson(f, 0, upper, 20000) / Math.PI;
  return first - second;
}

function simpson(f: (t: number) => number, a: number, b: number, intervals: number): number {
  const h = (b - a) / intervals;
  let sum = f(a) + f(b);
  for (let k = 1; k < intervals; k++) sum += (k % 2 === 1 ? 4 : 2) * f(a + k * h);
  return (sum * h) / 3;
}
