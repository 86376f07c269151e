package io.sparkprune.model.conv;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The vector kernel against the plain triple loop, over row blocks, row remainders and column tails. */
class SmallFilterGemmTest {

    @ParameterizedTest
    @CsvSource({"1, 26, 576, true", "4, 26, 576, true", "7, 13, 37, true", "16, 126, 64, true", "5, 9, 3, false"})
    void matchesTheDefinition(int filters, int k, int n, boolean withBias) {
        Random rnd = new Random(filters * 31L + n);
        float[] w = random(rnd, filters * k);
        float[] bias = withBias ? random(rnd, filters) : null;
        float[] col = random(rnd, k * n);
        float[] out = new float[filters * n + 3]; // the scratch array may be longer than the output
        java.util.Arrays.fill(out, Float.NaN);

        SmallFilterGemm.multiply(w, bias, filters, k, col, n, out);

        for (int f = 0; f < filters; f++) {
            for (int j = 0; j < n; j++) {
                double expected = bias == null ? 0 : bias[f];
                for (int i = 0; i < k; i++) {
                    expected += (double) w[f * k + i] * col[i * n + j];
                }
                assertEquals(expected, out[f * n + j], 1e-5 * Math.sqrt(k), "filter " + f + ", column " + j);
            }
        }
        for (int i = filters * n; i < out.length; i++) {
            assertEquals(Float.NaN, out[i], "untouched outside the output: " + i);
        }
    }

    private static float[] random(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextFloat() - 0.5f;
        }
        return a;
    }
}
