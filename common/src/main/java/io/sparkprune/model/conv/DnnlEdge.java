package io.sparkprune.model.conv;

import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.Pointer;

/**
 * Where a tensor crosses between DL4J's plain layout and the layout a oneDNN primitive chose
 * (blocked, e.g. 16 channels innermost): a memory over the caller's buffer and, when the layouts
 * differ, an internal memory and the reorder between them. Built once per geometry, reused.
 */
final class DnnlEdge {
    private final memory user;
    private final memory inner;
    private final reorder toInner;
    private final reorder toUser;

    DnnlEdge(memory.desc userDesc, memory.desc innerDesc) {
        user = DnnlRuntime.unbound(userDesc);
        if (userDesc.equals(innerDesc)) {
            inner = user;
            toInner = null;
            toUser = null;
        } else {
            inner = new memory(innerDesc, DnnlRuntime.engine());
            toInner = new reorder(user, inner);
            toUser = new reorder(inner, user);
        }
    }

    /** The primitive's view of the data at {@code data} (reordered into its layout if needed). */
    memory in(Pointer data, stream s) {
        DnnlRuntime.bind(user, data);
        if (toInner != null) {
            toInner.execute(s, user, inner);
        }
        return inner;
    }

    /** Whether the primitive's layout differs from the caller's (so {@link #in} copies). */
    boolean reorders() {
        return toInner != null;
    }

    /** The primitive's view as the last {@link #in} left it, without reading the caller's buffer again. */
    memory held() {
        return inner;
    }

    /** The memory a primitive writes for the caller's buffer {@code data}; follow with {@link #out}. */
    memory target(Pointer data) {
        DnnlRuntime.bind(user, data);
        return inner;
    }

    /** Copies what the primitive wrote into the caller's buffer (if it wrote elsewhere). */
    void out(stream s) {
        if (toUser != null) {
            toUser.execute(s, inner, user);
        }
    }
}
