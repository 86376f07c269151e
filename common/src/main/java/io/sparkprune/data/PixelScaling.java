package io.sparkprune.data;

import java.io.Serializable;
import java.util.Arrays;

/**
 * How pixel bytes become network inputs: {@code (pixel / 255 - mean[c]) / std[c]} per channel c.
 * The unit scaling (mean 0, std 1) gives pixel / 255; {@link #perChannel} takes mean and std from
 * a training set, and the same values then scale its test set.
 */
public final class PixelScaling implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] mean;
    private final double[] std;

    private PixelScaling(double[] mean, double[] std) {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("need one mean and one std per channel");
        }
        for (double s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std must be > 0, got " + Arrays.toString(std));
            }
        }
        this.mean = mean;
        this.std = std;
    }

    /** pixel / 255. */
    public static PixelScaling unit(int channels) {
        double[] mean = new double[channels];
        double[] std = new double[channels];
        Arrays.fill(std, 1);
        return new PixelScaling(mean, std);
    }

    /** Each channel's mean and (population) std of pixel / 255 over all of {@code images}. */
    public static PixelScaling perChannel(LabeledImages images) {
        int c = images.channels();
        int plane = images.height() * images.width();
        long[] sum = new long[c];
        long[] squares = new long[c];
        for (int i = 0; i < images.count(); i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < plane; p++) {
                    int v = images.pixel(i, ch, p / images.width(), p % images.width());
                    sum[ch] += v;
                    squares[ch] += v * v;
                }
            }
        }
        double n = (double) images.count() * plane;
        double[] mean = new double[c];
        double[] std = new double[c];
        for (int ch = 0; ch < c; ch++) {
            double m = sum[ch] / n;
            double var = squares[ch] / n - m * m;
            mean[ch] = m / 255;
            // A constant channel has no spread to divide by: leave it centred.
            std[ch] = var > 0 ? Math.sqrt(var) / 255 : 1;
        }
        return new PixelScaling(mean, std);
    }

    public int channels() {
        return mean.length;
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[] std() {
        return std.clone();
    }

    /** The scaled value of pixel byte {@code value} (0..255) in {@code channel}. */
    float scale(int value, int channel) {
        // Written so that the unit scaling gives exactly value / 255f, as it always has.
        return (value / 255f - (float) mean[channel]) / (float) std[channel];
    }

    /** Scales one C-H-W image of {@code plane} pixels per channel from {@code src[at..]} into {@code dst[to..]}. */
    void scale(byte[] src, int at, float[] dst, int to, int plane) {
        for (int c = 0; c < mean.length; c++) {
            float m = (float) mean[c];
            float s = (float) std[c];
            for (int p = 0, i = at + c * plane, d = to + c * plane; p < plane; p++, i++, d++) {
                dst[d] = ((src[i] & 0xFF) / 255f - m) / s;
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PixelScaling p && Arrays.equals(mean, p.mean) && Arrays.equals(std, p.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "pixel scaling mean " + Arrays.toString(mean) + " std " + Arrays.toString(std);
    }
}
