package io.sparkprune.bench;

import java.io.PrintWriter;
import java.util.Map;

/**
 * Training throughput of sparkprune's networks against another framework's identical networks,
 * measured in one process. The implementation lives in the optional {@code bench-peer} module
 * (built with {@code -Ppeer}) and is found through {@link java.util.ServiceLoader}, so the default
 * build and the shaded jar carry no peer framework.
 */
public interface PeerComparison {
    /** Prints each figure as it is measured and returns them all, keyed as in the bench JSON line. */
    Map<String, Object> run(boolean quick, PrintWriter out);
}
