package io.sparkprune.model.conv;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The framed kernel against the definition of a convolution, over filter blocks, padding and image edges. */
class FramedConvolutionTest {

    /** Padding bottom/right may exceed top/left: DL4J's Same mode with an even kernel. */
    @ParameterizedTest
    @CsvSource({
            "1, 28, 28, 5, 5, 0, 0, 0, 0, 5, true",   // LeNet-5 conv1, pruned
            "5, 12, 12, 5, 5, 0, 0, 0, 0, 12, true",  // LeNet-5 conv2, pruned
            "3, 9, 7, 3, 3, 1, 1, 1, 1, 7, true",     // Same padding, non-square image
            "2, 8, 8, 4, 2, 1, 0, 2, 1, 4, false",    // asymmetric padding, non-square kernel, no bias
            "1, 6, 30, 3, 3, 0, 0, 0, 0, 1, true",    // one filter, one row block
            "4, 5, 5, 5, 5, 2, 2, 2, 2, 13, true"})   // the output only sees the padded image's centre
    void matchesTheDefinition(int channels, int inH, int inW, int kH, int kW, int padTop, int padLeft,
                              int padBottom, int padRight, int filters, boolean withBias) {
        int outH = inH + padTop + padBottom - kH + 1;
        int outW = inW + padLeft + padRight - kW + 1;
        ConvGeometry g = new ConvGeometry(3, channels, inH, inW, kH, kW, 1, 1, padTop, padLeft, outH, outW);
        Random rnd = new Random(channels * 31L + filters);
        float[] batch = random(rnd, (int) g.inputLength());
        float[] w = random(rnd, filters * g.patchSize());
        float[] bias = withBias ? random(rnd, filters) : null;
        FramedConvolution conv = new FramedConvolution(g);
        float[] framed = new float[conv.framedLength()];
        float[] wide = new float[conv.wideLength(filters)];
        float[] out = new float[filters * outH * outW + 3]; // scratch arrays may be longer than the output
        Arrays.fill(out, Float.NaN);

        conv.clearFrame(framed);
        for (int image = 0; image < g.batch(); image++) { // the frame is cleared once and reused, as in the helper
            conv.frame(batch, image, framed);
            conv.forward(w, bias, filters, framed, wide, out);
            for (int f = 0; f < filters; f++) {
                for (int oy = 0; oy < outH; oy++) {
                    for (int ox = 0; ox < outW; ox++) {
                        double expected = definition(batch, image, g, w, bias, f, oy, ox);
                        assertEquals(expected, out[(f * outH + oy) * outW + ox], 1e-5 * Math.sqrt(g.patchSize()),
                                "image " + image + ", filter " + f + ", (" + oy + ", " + ox + ")");
                    }
                }
            }
            for (int i = filters * outH * outW; i < out.length; i++) {
                assertEquals(Float.NaN, out[i], "untouched outside the output: " + i);
            }
        }
    }

    @Test
    void refusesStridedConvolutions() {
        ConvGeometry strided = new ConvGeometry(1, 1, 9, 9, 3, 3, 2, 2, 0, 0, 4, 4);
        assertThrows(IllegalArgumentException.class, () -> new FramedConvolution(strided));
    }

    private static double definition(float[] batch, int image, ConvGeometry g, float[] w, float[] bias, int f,
                                     int oy, int ox) {
        double sum = bias == null ? 0 : bias[f];
        for (int c = 0; c < g.channels(); c++) {
            for (int ky = 0; ky < g.kH(); ky++) {
                for (int kx = 0; kx < g.kW(); kx++) {
                    int iy = oy + ky - g.padTop();
                    int ix = ox + kx - g.padLeft();
                    if (iy >= 0 && iy < g.inH() && ix >= 0 && ix < g.inW()) {
                        double x = batch[((image * g.channels() + c) * g.inH() + iy) * g.inW() + ix];
                        sum += w[((f * g.channels() + c) * g.kH() + ky) * g.kW() + kx] * x;
                    }
                }
            }
        }
        return sum;
    }

    private static float[] random(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextFloat() - 0.5f;
        }
        return a;
    }
}
