package io.sparkprune.model.conv;

import org.bytedeco.javacpp.FloatPointer;

import java.util.EnumMap;
import java.util.Map;

/**
 * Working memory of one convolution layer's helper, kept across calls: a training step would
 * otherwise allocate ~10 arrays and native buffers per layer, and the garbage collector's pauses
 * stop every task in the executor JVM at once (grid-parallel sweeps run several per JVM).
 * Arrays only grow. A layer is used by one thread at a time, as DL4J networks are; when its
 * per-image loop is split over threads ({@link ImageChunks}), each chunk has a scratch of its own.
 */
final class ConvScratch {
    enum Role {
        INPUT, INPUT_GRAD, WEIGHTS, BIAS, WEIGHTS_AND_BIAS, COLUMNS, COLUMN_GRAD, WEIGHT_GRAD,
        FRAME, WIDE_OUTPUT, OUTPUT, GRADS, CHUNK_GRADS
    }

    private final Map<Role, float[]> heap = new EnumMap<>(Role.class);
    private final Map<Role, FloatPointer> nativeBuffers = new EnumMap<>(Role.class);

    /** A heap array of at least {@code n} floats (contents undefined). */
    float[] heap(Role role, int n) {
        float[] a = heap.get(role);
        if (a == null || a.length < n) {
            a = new float[n];
            heap.put(role, a);
        }
        return a;
    }

    /** A native buffer of at least {@code n} floats, positioned at 0 (contents undefined). */
    FloatPointer buffer(Role role, long n) {
        FloatPointer p = nativeBuffers.get(role);
        if (p == null || p.capacity() < n) {
            if (p != null) {
                p.close();
            }
            p = new FloatPointer(n);
            nativeBuffers.put(role, p);
        }
        return p.position(0);
    }

    /** Bytes held, for DL4J's memory reports. */
    long bytes() {
        long floats = heap.values().stream().mapToLong(a -> a.length).sum()
                + nativeBuffers.values().stream().mapToLong(FloatPointer::capacity).sum();
        return floats * Float.BYTES;
    }
}
