package io.sparkprune.model.conv;

import io.sparkprune.train.NativeThreads;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Splits a per-image loop of the Java convolution kernels into contiguous chunks of images, one per
 * native thread this JVM may use ({@link NativeThreads#current()}): the calling thread runs the first
 * chunk, pooled daemon threads the others. A single training JVM then keeps every core busy during
 * LeNet-5's first layer (the OpenMP workers idle there), while grid-parallel tasks, limited to one
 * thread, run the loop on their own thread as before. Chunks depend only on the image count and the
 * thread count, so results are reproducible for a given thread count.
 */
final class ImageChunks {
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sparkprune-conv-images");
        t.setDaemon(true);
        return t;
    });

    /** One chunk: images [from, to) on scratch slot {@code slot} (0 = the calling thread's). */
    interface Body {
        void run(int slot, int from, int to);
    }

    private ImageChunks() {
    }

    /** How many chunks a loop over {@code images} images gets: the native thread budget, at most one per image. */
    static int count(int images) {
        return Math.max(1, Math.min(NativeThreads.current(), images));
    }

    /** Runs {@code body} over [0, images) in {@code chunks} chunks and returns when all are done. */
    static void run(int images, int chunks, Body body) {
        if (chunks == 1) {
            body.run(0, 0, images);
            return;
        }
        Future<?>[] others = new Future<?>[chunks - 1];
        for (int slot = 1; slot < chunks; slot++) {
            int s = slot;
            int from = start(images, chunks, slot);
            int to = start(images, chunks, slot + 1);
            others[slot - 1] = WORKERS.submit(() -> body.run(s, from, to));
        }
        RuntimeException failure = null;
        try {
            body.run(0, 0, start(images, chunks, 1));
        } catch (RuntimeException e) {
            failure = e;
        }
        boolean interrupted = false;
        // wait for every chunk, even after a failure or an interrupt: they write buffers the caller shares
        for (Future<?> f : others) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (ExecutionException e) {
                    failure = failure != null ? failure
                            : new IllegalStateException("convolution chunk failed", e.getCause());
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static int start(int images, int chunks, int chunk) {
        return (int) ((long) images * chunk / chunks);
    }
}
