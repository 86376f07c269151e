package io.sparkprune.model.conv;

import io.sparkprune.train.NativeThreads;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's oneDNN CPU engine, one stream per thread, and the threads oneDNN may use. oneDNN
 * here runs on OpenMP and shares ND4J's libgomp, whose thread count is a per-thread setting: each
 * calling thread gets {@link NativeThreads#current()} threads, so a grid-parallel task limited to
 * one thread stays on one core while a single training JVM uses them all. Shared by the convolution,
 * batch-norm and pooling layers, with the few steps their primitives all take on DL4J's buffers.
 */
public final class DnnlRuntime {
    static final String DISABLE_PROPERTY = "sparkprune.onednn";
    private static final Logger LOG = LoggerFactory.getLogger(DnnlRuntime.class);
    private static final engine ENGINE = load();
    private static final ThreadLocal<stream> STREAMS = ThreadLocal.withInitial(() -> new stream(ENGINE));
    private static final ThreadLocal<int[]> THREADS_SET = ThreadLocal.withInitial(() -> new int[]{0});

    private DnnlRuntime() {
    }

    private static engine load() {
        try {
            return new engine(engine.kind.cpu, 0);
        } catch (Throwable e) { // no native library for this platform: the Java kernels run instead
            LOG.warn("oneDNN not available ({}); convolutions use im2col + OpenBLAS, batch norm DL4J's code",
                    e.toString());
            return null;
        }
    }

    /**
     * Whether new fast convolution and batch-norm layers compute on oneDNN: its natives loaded and the
     * JVM was not started with {@code -Dsparkprune.onednn=false} (the escape hatch back to im2col +
     * OpenBLAS and DL4J's batch norm).
     */
    public static boolean available() {
        return ENGINE != null && !"false".equals(System.getProperty(DISABLE_PROPERTY));
    }

    public static engine engine() {
        return ENGINE;
    }

    /** This thread's stream, its OpenMP thread count set to what native ops may use here. */
    public static stream stream() {
        useThreads(NativeThreads.current());
        return STREAMS.get();
    }

    /**
     * Sets the calling thread's OpenMP thread count for oneDNN (and libnd4j) when it differs from the last
     * one set here; {@link #stream} sets it back to the thread's budget.
     */
    static void useThreads(int threads) {
        int[] set = THREADS_SET.get();
        if (set[0] != threads) {
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
            set[0] = threads;
        }
    }

    /** Runs {@code p} on this thread's stream and waits for it. */
    public static void execute(primitive p, IntMemoryMap args) {
        stream s = stream();
        p.execute(s, args);
        s._wait();
    }

    /** A memory object of {@code desc} without a buffer: {@link #bind} points it at DL4J's buffer of each call. */
    public static memory unbound(memory.desc desc) {
        return new memory(desc, ENGINE, (Pointer) null);
    }

    /** {@code m}, now over {@code data}. */
    public static memory bind(memory m, Pointer data) {
        m.set_data_handle(data);
        return m;
    }
}
