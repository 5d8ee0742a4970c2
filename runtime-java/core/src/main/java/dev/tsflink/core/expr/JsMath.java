package dev.tsflink.core.expr;

/**
 * {@code Math.log}, {@code Math.exp} and {@code Math.pow} as Node 20's V8 (11.3) computes them, to
 * the last bit.
 *
 * <p>Neither language fixes these to the bit. {@link Math}'s are intrinsics that differ from V8 in
 * a few percent of results. V8 (src/base/ieee754.cc) uses fdlibm's algorithms, as
 * {@link StrictMath} must, but with changes of its own, so StrictMath is not enough either: V8's
 * {@code exp} answers {@code exp(1)} with the correctly rounded {@code Math.E} where fdlibm's
 * reduction (k = 1, r = 1 - ln2) lands one ulp above, and V8's {@code pow} divides by
 * {@code (t1 - 2) - (w + z*w)} where fdlibm's e_pow.c subtracts {@code w + z*w} after dividing
 * by {@code t1 - 2}. {@code log} is fdlibm's e_log.c unchanged. Every operation below is an IEEE
 * double operation in the order fdlibm does it, which Java evaluates exactly so (no extended
 * precision, no fused multiply-add).
 *
 * <p>The other {@code Math} functions need no code of their own: {@link Math}'s abs, floor, ceil,
 * sqrt, min, max and signum are exact and agree with JavaScript on -0 and NaN, and
 * {@link Js#round} and {@link Js#trunc} cover the two that differ.
 */
public final class JsMath {

    private JsMath() {}

    // ------------------------------------------------------------------ the two words of a double

    private static int high(double d) {
        return (int) (Double.doubleToRawLongBits(d) >>> 32);
    }

    private static int low(double d) {
        return (int) Double.doubleToRawLongBits(d);
    }

    private static double fromWords(int high, int low) {
        return Double.longBitsToDouble((long) high << 32 | (low & 0xFFFFFFFFL));
    }

    private static double withHigh(double d, int high) {
        return fromWords(high, low(d));
    }

    /** The double with its low 32 bits cleared: the head of a head + tail split, so products of heads are exact. */
    private static double head(double d) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(d) & 0xFFFFFFFF00000000L);
    }

    // ------------------------------------------------------------------ log

    private static final double LN2_HI = 6.93147180369123816490e-01;   // 0x3FE62E42 FEE00000
    private static final double LN2_LO = 1.90821492927058770002e-10;   // 0x3DEA39EF 35793C76
    private static final double TWO54 = 0x1p54;
    private static final double LG1 = 6.666666666666735130e-01;
    private static final double LG2 = 3.999999999940941908e-01;
    private static final double LG3 = 2.857142874366239149e-01;
    private static final double LG4 = 2.222219843214978396e-01;
    private static final double LG5 = 1.818357216161805012e-01;
    private static final double LG6 = 1.531383769920937332e-01;
    private static final double LG7 = 1.479819860511658591e-01;

    /**
     * Natural logarithm: x = 2^k (1 + f) with sqrt(2)/2 < 1 + f < sqrt(2), then
     * log(1 + f) = f - s(f - R(s²)) with s = f / (2 + f) and R a degree-14 minimax polynomial,
     * plus k·ln2 in two parts so k·LN2_HI is exact.
     */
    public static double log(double x) {
        int hx = high(x);
        int lx = low(x);
        int k = 0;
        if (hx < 0x00100000) {                        // negative, zero or subnormal
            if (((hx & 0x7FFFFFFF) | lx) == 0) {
                return Double.NEGATIVE_INFINITY;
            }
            if (hx < 0) {
                return Double.NaN;
            }
            k = -54;
            x *= TWO54;
            hx = high(x);
        }
        if (hx >= 0x7FF00000) {
            return x + x;                             // +Infinity or NaN
        }
        k += (hx >> 20) - 1023;
        hx &= 0x000FFFFF;
        // Scale the mantissa into [sqrt(2)/2, sqrt(2)): i is 2^20 when it is at least sqrt(2).
        int i = (hx + 0x95F64) & 0x100000;
        x = withHigh(x, hx | (i ^ 0x3FF00000));
        k += i >> 20;
        double f = x - 1.0;
        double dk = k;
        if ((0x000FFFFF & (2 + hx)) < 3) {            // |f| < 2^-20: a short series is enough
            if (f == 0) {
                return k == 0 ? 0.0 : dk * LN2_HI + dk * LN2_LO;
            }
            double r = f * f * (0.5 - 0.33333333333333333 * f);
            return k == 0 ? f - r : dk * LN2_HI - ((r - dk * LN2_LO) - f);
        }
        double s = f / (2.0 + f);
        double z = s * s;
        double w = z * z;
        double t1 = w * (LG2 + w * (LG4 + w * LG6));
        double t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
        double r = t2 + t1;
        // Where |f| is largest (1 + f near sqrt(2) or sqrt(2)/2) the f²/2 term is taken apart
        // from the polynomial to keep the error below one ulp.
        if (((hx - 0x6147A) | (0x6B851 - hx)) > 0) {
            double hfsq = 0.5 * f * f;
            return k == 0
                    ? f - (hfsq - s * (hfsq + r))
                    : dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f);
        }
        return k == 0 ? f - s * (f - r) : dk * LN2_HI - ((s * (f - r) - dk * LN2_LO) - f);
    }

    // ------------------------------------------------------------------ exp

    private static final double EXP_OVERFLOW = 7.09782712893383973096e+02;    // 0x40862E42 FEFA39EF
    private static final double EXP_UNDERFLOW = -7.45133219101941108420e+02;  // 0xC0874910 D52D3051
    private static final double INV_LN2 = 1.44269504088896338700e+00;         // 0x3FF71547 652B82FE
    private static final double P1 = 1.66666666666666019037e-01;
    private static final double P2 = -2.77777777770155933842e-03;
    private static final double P3 = 6.61375632143793436117e-05;
    private static final double P4 = -1.65339022054652515390e-06;
    private static final double P5 = 4.13813679705723846039e-08;
    private static final double TWO_M1000 = 0x1p-1000;

    /**
     * e^x: x = k·ln2 + r with |r| <= ln2/2, e^r from a rational approximation
     * 1 + r + r·c(r) / (2 - c(r)), then scaled by 2^k.
     */
    public static double exp(double x) {
        int hx = high(x);
        int negative = hx >>> 31;
        hx &= 0x7FFFFFFF;
        if (hx >= 0x40862E42) {                       // |x| >= 709.78...
            if (hx >= 0x7FF00000) {
                if (((hx & 0xFFFFF) | low(x)) != 0) {
                    return x + x;                     // NaN
                }
                return negative == 0 ? x : 0.0;
            }
            if (x > EXP_OVERFLOW) {
                return Double.POSITIVE_INFINITY;
            }
            if (x < EXP_UNDERFLOW) {
                return 0.0;
            }
        }
        double hi = 0;
        double lo = 0;
        int k = 0;
        if (hx > 0x3FD62E42) {                        // |x| > ln2/2
            if (hx < 0x3FF0A2B2) {                    // |x| < 1.5·ln2: k is ±1
                // V8's own special case, not fdlibm's (and so not StrictMath's): the reduction
                // below gives e one ulp too high.
                if (x == 1.0) {
                    return Math.E;
                }
                hi = negative == 0 ? x - LN2_HI : x + LN2_HI;
                lo = negative == 0 ? LN2_LO : -LN2_LO;
                k = 1 - negative - negative;
            } else {
                k = (int) (INV_LN2 * x + (negative == 0 ? 0.5 : -0.5));
                double t = k;
                hi = x - t * LN2_HI;                  // exact: t·LN2_HI has trailing zeros
                lo = t * LN2_LO;
            }
            x = hi - lo;
        } else if (hx < 0x3E300000) {                 // |x| < 2^-28
            return 1.0 + x;
        }
        double t = x * x;
        double c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
        if (k == 0) {
            return 1.0 - ((x * c) / (c - 2.0) - x);
        }
        double y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi);
        if (k >= -1021) {
            // 2^1024 is no double: scale by 2 and 2^1023.
            return k == 1024 ? y * 2.0 * 0x1p1023 : y * fromWords(0x3FF00000 + (k << 20), 0);
        }
        // Results below 2^-1021 round once, in the last multiplication.
        return y * fromWords(0x3FF00000 + ((k + 1000) << 20), 0) * TWO_M1000;
    }

    // ------------------------------------------------------------------ pow

    private static final double[] BP = {1.0, 1.5};
    private static final double[] DP_H = {0.0, 5.84962487220764160156e-01};  // log2(1.5), head
    private static final double[] DP_L = {0.0, 1.35003920212974897128e-08};  // log2(1.5), tail
    private static final double TWO53 = 0x1p53;
    private static final double HUGE = 1.0e300;
    private static final double TINY = 1.0e-300;
    private static final double L1 = 5.99999999999994648725e-01;
    private static final double L2 = 4.28571428578550184252e-01;
    private static final double L3 = 3.33333329818377432918e-01;
    private static final double L4 = 2.72728123808534006489e-01;
    private static final double L5 = 2.30660745775561754067e-01;
    private static final double L6 = 2.06975017800338417784e-01;
    private static final double LN2 = 6.93147180559945286227e-01;       // ln2
    private static final double LG2_H = 6.93147182464599609375e-01;          // ln2, 32-bit head
    private static final double LG2_L = -1.90465429995776804525e-09;         // ln2, tail
    private static final double OVT = 8.0085662595372944372e-17;            // -(1024 - log2(MAX + ulp/2))
    private static final double CP = 9.61796693925975554329e-01;            // 2 / (3 ln2)
    private static final double CP_H = 9.61796700954437255859e-01;
    private static final double CP_L = -7.02846165095275826516e-09;
    private static final double IVLN2 = 1.44269504088896338700e+00;         // 1 / ln2
    private static final double IVLN2_H = 1.44269502162933349609e+00;
    private static final double IVLN2_L = 1.92596299112661746887e-08;

    /**
     * x^y as 2^(y·log2(x)): log2(x) in two parts (t1 + t2, t1 with 29 trailing zero bits), the
     * product split the same way, its integer part as the exponent and 2^fraction from exp's
     * rational approximation. JavaScript's special cases are fdlibm's, with (±1)^±∞ NaN.
     */
    public static double pow(double x, double y) {
        int hx = high(x);
        int lx = low(x);
        int hy = high(y);
        int ly = low(y);
        int ix = hx & 0x7FFFFFFF;
        int iy = hy & 0x7FFFFFFF;

        if ((iy | ly) == 0) {
            return 1.0;                               // anything, NaN too, to the ±0 is 1
        }
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return Double.NaN;
        }
        // For a negative x: 0 if y is no integer, 1 if an odd one, 2 if an even one.
        int yIsInt = 0;
        if (hx < 0) {
            double ay = Math.abs(y);
            if (ay >= TWO53) {
                yIsInt = 2;
            } else if (Math.rint(ay) == ay) {
                yIsInt = ay % 2 == 0 ? 2 : 1;
            }
        }
        if (ly == 0) {
            if (iy == 0x7FF00000) {                   // y is ±Infinity
                if (((ix - 0x3FF00000) | lx) == 0) {
                    return Double.NaN;                // (±1)^±Infinity, ECMAScript's choice
                }
                if (ix >= 0x3FF00000) {
                    return hy >= 0 ? y : 0.0;         // |x| > 1
                }
                return hy < 0 ? -y : 0.0;             // |x| < 1
            }
            if (iy == 0x3FF00000) {
                return hy < 0 ? 1.0 / x : x;
            }
            if (hy == 0x40000000) {
                return x * x;
            }
            if (hy == 0x3FE00000 && hx >= 0) {
                return Math.sqrt(x);
            }
        }
        double ax = Math.abs(x);
        if (lx == 0 && (ix == 0x7FF00000 || ix == 0 || ix == 0x3FF00000)) {  // x is ±0, ±Infinity, ±1
            double z = hy < 0 ? 1.0 / ax : ax;
            if (hx < 0) {
                if (((ix - 0x3FF00000) | yIsInt) == 0) {
                    return Double.NaN;                // (-1)^non-integer
                }
                if (yIsInt == 1) {
                    z = -z;
                }
            }
            return z;
        }
        boolean xNegative = hx < 0;
        if (xNegative && yIsInt == 0) {
            return Double.NaN;
        }
        double sign = xNegative && yIsInt == 1 ? -1.0 : 1.0;

        double t1;
        double t2;
        if (iy > 0x41E00000) {                        // |y| > 2^31
            if (iy > 0x43F00000) {                    // |y| > 2^64: over- or underflows unless x is 1
                if (ix <= 0x3FEFFFFF) {
                    return hy < 0 ? HUGE * HUGE : TINY * TINY;
                }
                if (ix >= 0x3FF00000) {
                    return hy > 0 ? HUGE * HUGE : TINY * TINY;
                }
            }
            if (ix < 0x3FEFFFFF) {
                return hy < 0 ? sign * HUGE * HUGE : sign * TINY * TINY;
            }
            if (ix > 0x3FF00000) {
                return hy > 0 ? sign * HUGE * HUGE : sign * TINY * TINY;
            }
            // |1 - x| <= 2^-20: log(x) from the first terms of its series around 1.
            double t = ax - 1.0;
            double w = (t * t) * (0.5 - t * (0.3333333333333333333333 - t * 0.25));
            double u = IVLN2_H * t;
            double v = t * IVLN2_L - w * IVLN2;
            t1 = head(u + v);
            t2 = v - (t1 - u);
        } else {
            int n = 0;
            if (ix < 0x00100000) {                    // subnormal x
                ax *= TWO53;
                n = -53;
                ix = high(ax);
            }
            n += (ix >> 20) - 0x3FF;
            int j = ix & 0x000FFFFF;
            // Normalize the mantissa to [1, 2) and pick the reference point 1 or 1.5 nearer to it.
            ix = j | 0x3FF00000;
            int k;
            if (j <= 0x3988E) {                       // below sqrt(3/2)
                k = 0;
            } else if (j < 0xBB67A) {                 // below sqrt(3)
                k = 1;
            } else {
                k = 0;
                n += 1;
                ix -= 0x00100000;
            }
            ax = withHigh(ax, ix);

            // ss = s_h + s_l = (ax - bp) / (ax + bp), s_h with its low word cleared
            double u = ax - BP[k];
            double v = 1.0 / (ax + BP[k]);
            double ss = u * v;
            double sH = head(ss);
            double tH = fromWords(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18), 0);  // ax + bp, head
            double tL = ax - (tH - BP[k]);
            double sL = v * ((u - sH * tH) - sH * tL);
            // log(ax) = 2s + (2/3)s³ + s⁵·R(s²)
            double s2 = ss * ss;
            double r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
            r += sL * (sH + ss);
            s2 = sH * sH;
            tH = head(3.0 + s2 + r);
            tL = r - ((tH - 3.0) - s2);
            u = sH * tH;
            v = sL * tH + tL * ss;
            // times 2 / (3 ln2), so log2(ax) = n + dp_h + z_h + z_l
            double pH = head(u + v);
            double pL = v - (pH - u);
            double zH = CP_H * pH;
            double zL = CP_L * pH + pL * CP + DP_L[k];
            double t = n;
            t1 = head(((zH + zL) + DP_H[k]) + t);
            t2 = zL - (((t1 - t) - DP_H[k]) - zH);
        }

        // y·log2(x) = pH + pL, with y split into y1 (head) + (y - y1)
        double y1 = head(y);
        double pL = (y - y1) * t1 + y * t2;
        double pH = y1 * t1;
        double z = pL + pH;
        int j = high(z);
        int i = low(z);
        if (j >= 0x40900000) {                        // z >= 1024
            if (((j - 0x40900000) | i) != 0 || pL + OVT > z - pH) {
                return sign * HUGE * HUGE;
            }
        } else if ((j & 0x7FFFFFFF) >= 0x4090CC00) {  // z <= -1075
            if (((j - 0xC090CC00) | i) != 0 || pL <= z - pH) {
                return sign * TINY * TINY;
            }
        }

        // 2^(pH + pL) = 2^n · 2^f with n the nearest integer when |z| > 1/2
        i = j & 0x7FFFFFFF;
        int k = (i >> 20) - 0x3FF;
        int n = 0;
        if (i > 0x3FE00000) {
            n = j + (0x00100000 >> (k + 1));
            k = ((n & 0x7FFFFFFF) >> 20) - 0x3FF;
            double t = fromWords(n & ~(0x000FFFFF >> k), 0);
            n = ((n & 0x000FFFFF) | 0x00100000) >> (20 - k);
            if (j < 0) {
                n = -n;
            }
            pH -= t;
        }
        double t = head(pL + pH);
        double u = t * LG2_H;
        double v = (pL - (t - pH)) * LN2 + t * LG2_L;
        z = u + v;
        double w = v - (z - u);
        t = z * z;
        t1 = z - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
        // V8 departs from fdlibm here (and so from StrictMath.pow): fdlibm computes
        // (z·t1) / (t1 - 2) - (w + z·w); V8 moves the correction into the divisor.
        double r = (z * t1) / ((t1 - 2.0) - (w + z * w));
        z = 1.0 - (r - z);
        j = high(z) + (n << 20);
        if ((j >> 20) <= 0) {
            z = Math.scalb(z, n);                     // subnormal result: one rounding
        } else {
            z = withHigh(z, j);
        }
        return sign * z;
    }
}
