package io.sparkprune.model.conv;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * One image's stride-1 convolution forward pass for a layer with few filters (pruned layers, and
 * LeNet-5's first), in Java's incubating vector API, without a column matrix. The image is copied
 * into a zero frame as wide as the padded input; output position (oy, ox) is then computed at frame
 * position {@code oy * frameW + ox}, and kernel tap (c, ky, kx) reads the frame at that position plus
 * a fixed offset, so every tap is one contiguous run of the frame. The positions between rows
 * ({@code ox >= outW}) are computed and dropped: 17% more multiply-adds on LeNet-5's first layer,
 * 50% on its second, against an im2col that cost as much as the multiplications (profiled).
 * <p>
 * Four filters per pass share each input load, over two vectors of positions; their eight
 * accumulators stay in registers. Only call it when the {@code jdk.incubator.vector} module is in the
 * boot layer (JVM option {@code --add-modules=jdk.incubator.vector}, see {@link Im2colConvolutionHelper});
 * without it the class cannot even be verified, and the helper uses OpenBLAS.
 */
final class FramedConvolution {
    /**
     * Measured per image against im2col + one-thread OpenBLAS (2 AVX2 cores): faster at 32 filters on
     * all six LeNet-5 and VGG-16 layer shapes tried (1.02x-1.97x), at 48 slower on LeNet's first layer
     * (0.85x); 1.5-3.3x faster at 16 filters, 2.8x at 5 (pruned conv1).
     */
    static final int MAX_FILTERS = 32;
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int STRIP = 2 * LANES;

    private final ConvGeometry g;
    private final int frameH;
    private final int frameW;
    /** Frame positions computed per filter: the last output's, rounded up to whole strips. */
    private final int positions;
    /** Offset in the frame of tap (c, ky, kx), in the weights' order. */
    private final int[] taps;

    FramedConvolution(ConvGeometry g) {
        if (!supports(g)) {
            throw new IllegalArgumentException("stride-1 convolutions only, got strides " + g.strideH() + "x"
                    + g.strideW());
        }
        this.g = g;
        this.frameH = g.outH() + g.kH() - 1;
        this.frameW = g.outW() + g.kW() - 1;
        int last = (g.outH() - 1) * frameW + g.outW();
        this.positions = (last + STRIP - 1) / STRIP * STRIP;
        this.taps = new int[g.patchSize()];
        int t = 0;
        for (int c = 0; c < g.channels(); c++) {
            for (int ky = 0; ky < g.kH(); ky++) {
                for (int kx = 0; kx < g.kW(); kx++) {
                    taps[t++] = (c * frameH + ky) * frameW + kx;
                }
            }
        }
    }

    static boolean supports(ConvGeometry g) {
        return g.strideH() == 1 && g.strideW() == 1;
    }

    /** Floats of the framed image: the frame plus the reads of the last strip past it. */
    int framedLength() {
        return g.channels() * frameH * frameW + STRIP;
    }

    /** Floats of the per-filter results before the positions between rows are dropped. */
    int wideLength(int filters) {
        return filters * positions;
    }

    /** Zeroes {@code framed}; {@link #frame} then only writes inside the frame's border. */
    void clearFrame(float[] framed) {
        Arrays.fill(framed, 0, framedLength(), 0f);
    }

    /** Copies image {@code image} of the NCHW {@code batch} into the (cleared) frame. */
    void frame(float[] batch, int image, float[] framed) {
        int firstY = Math.max(0, -g.padTop());
        int lastY = Math.min(g.inH(), frameH - g.padTop());
        int firstX = Math.max(0, -g.padLeft());
        int width = Math.min(g.inW(), frameW - g.padLeft()) - firstX;
        for (int c = 0; c < g.channels(); c++) {
            int plane = (image * g.channels() + c) * g.inH() * g.inW();
            for (int iy = firstY; iy < lastY; iy++) {
                int dst = (c * frameH + iy + g.padTop()) * frameW + firstX + g.padLeft();
                System.arraycopy(batch, plane + iy * g.inW() + firstX, framed, dst, width);
            }
        }
    }

    /**
     * {@code out[f][oy][ox] = bias[f] + sum over (c, ky, kx) of
     * w[f][c][ky][kx] * image[c][oy + ky - padTop][ox + kx - padLeft]} for the framed image; {@code bias} may be null, {@code wide} holds {@link #wideLength} floats.
     */
    void forward(float[] w, float[] bias, int filters, float[] framed, float[] wide, float[] out) {
        int f = 0;
        for (; f + 4 <= filters; f += 4) {
            fourFilters(w, bias, f, framed, wide);
        }
        for (; f < filters; f++) {
            oneFilter(w, bias, f, framed, wide);
        }
        int outW = g.outW();
        int o = 0;
        for (f = 0; f < filters; f++) {
            for (int oy = 0; oy < g.outH(); oy++) {
                System.arraycopy(wide, f * positions + oy * frameW, out, o, outW);
                o += outW;
            }
        }
    }

    private void fourFilters(float[] w, float[] bias, int f, float[] framed, float[] wide) {
        int k = taps.length;
        int w0 = f * k;
        int w1 = w0 + k;
        int w2 = w1 + k;
        int w3 = w2 + k;
        for (int p = 0; p < positions; p += STRIP) {
            FloatVector a0 = start(bias, f);
            FloatVector a1 = start(bias, f + 1);
            FloatVector a2 = start(bias, f + 2);
            FloatVector a3 = start(bias, f + 3);
            FloatVector b0 = a0;
            FloatVector b1 = a1;
            FloatVector b2 = a2;
            FloatVector b3 = a3;
            for (int t = 0; t < k; t++) {
                int at = taps[t] + p;
                FloatVector x = FloatVector.fromArray(SPECIES, framed, at);
                FloatVector y = FloatVector.fromArray(SPECIES, framed, at + LANES);
                FloatVector v = FloatVector.broadcast(SPECIES, w[w0 + t]);
                a0 = x.fma(v, a0);
                b0 = y.fma(v, b0);
                v = FloatVector.broadcast(SPECIES, w[w1 + t]);
                a1 = x.fma(v, a1);
                b1 = y.fma(v, b1);
                v = FloatVector.broadcast(SPECIES, w[w2 + t]);
                a2 = x.fma(v, a2);
                b2 = y.fma(v, b2);
                v = FloatVector.broadcast(SPECIES, w[w3 + t]);
                a3 = x.fma(v, a3);
                b3 = y.fma(v, b3);
            }
            int o = f * positions + p;
            a0.intoArray(wide, o);
            b0.intoArray(wide, o + LANES);
            a1.intoArray(wide, o + positions);
            b1.intoArray(wide, o + positions + LANES);
            a2.intoArray(wide, o + 2 * positions);
            b2.intoArray(wide, o + 2 * positions + LANES);
            a3.intoArray(wide, o + 3 * positions);
            b3.intoArray(wide, o + 3 * positions + LANES);
        }
    }

    private void oneFilter(float[] w, float[] bias, int f, float[] framed, float[] wide) {
        int k = taps.length;
        int w0 = f * k;
        for (int p = 0; p < positions; p += STRIP) {
            FloatVector a = start(bias, f);
            FloatVector b = a;
            for (int t = 0; t < k; t++) {
                int at = taps[t] + p;
                FloatVector v = FloatVector.broadcast(SPECIES, w[w0 + t]);
                a = FloatVector.fromArray(SPECIES, framed, at).fma(v, a);
                b = FloatVector.fromArray(SPECIES, framed, at + LANES).fma(v, b);
            }
            int o = f * positions + p;
            a.intoArray(wide, o);
            b.intoArray(wide, o + LANES);
        }
    }

    private static FloatVector start(float[] bias, int f) {
        return FloatVector.broadcast(SPECIES, bias == null ? 0f : bias[f]);
    }
}
