package io.sparkprune.results;

/**
 * Quantiles of Student's t distribution, for the report's 95% intervals over replicates (a sweep
 * has a handful of replicates: the normal 1.96 would claim too much). Computed from the
 * regularized incomplete beta function rather than a table, so any number of replicates works.
 */
final class StudentT {
    private static final double EPS = 1e-14;

    private StudentT() {
    }

    /** The two-sided {@code confidence} quantile: P(|T| <= q) = confidence for T with {@code df} degrees of freedom. */
    static double twoSidedQuantile(double confidence, int df) {
        if (df < 1 || !(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("need df >= 1 and a confidence in (0, 1), got " + df + ", " + confidence);
        }
        double tail = (1 - confidence) / 2;
        double lo = 0;
        double hi = 1;
        while (upperTail(hi, df) > tail) {
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > EPS * hi; i++) { // upperTail falls as t grows
            double mid = (lo + hi) / 2;
            if (upperTail(mid, df) > tail) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** P(T > t) for t >= 0. */
    static double upperTail(double t, int df) {
        return 0.5 * regularizedBeta(df / (df + t * t), df / 2.0, 0.5);
    }

    /** I_x(a, b), by its continued fraction (Numerical Recipes, betai/betacf). */
    private static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        } else if (x >= 1) {
            return 1;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
        return x < (a + 1) / (a + b + 2) ? front * continuedFraction(x, a, b) / a
                : 1 - front * continuedFraction(1 - x, b, a) / b;
    }

    private static double continuedFraction(double x, double a, double b) {
        double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.abs(d) < tiny ? tiny : d);
        double h = d;
        for (int m = 1; m <= 1000; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 / nonZero(1 + aa * d, tiny);
            c = nonZero(1 + aa / c, tiny);
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 / nonZero(1 + aa * d, tiny);
            c = nonZero(1 + aa / c, tiny);
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < EPS) {
                break;
            }
        }
        return h;
    }

    private static double nonZero(double v, double tiny) {
        return Math.abs(v) < tiny ? tiny : v;
    }

    /** ln Gamma(x) for x > 0 (Lanczos, g = 7, 9 terms: ~1e-15 relative). */
    private static double logGamma(double x) {
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
                -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
                1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double sum = c[0];
        for (int i = 1; i < c.length; i++) {
            sum += c[i] / (x + i);
        }
        double t = x + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
