package io.sparkprune.spark.sweep;

import io.sparkprune.config.ConfigException;
import io.sparkprune.io.RunDirectory;
import io.sparkprune.results.ResultRecord;
import io.sparkprune.results.ResultsCsv;
import io.sparkprune.results.SweepResults;
import io.sparkprune.sweep.GridPoint;
import io.sparkprune.sweep.SweepGrid;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sweep's identity and progress in its output directory: {@code sweep.json} holds the grid's
 * fingerprint; a point's file ({@link SweepResults#pointFile}) exists exactly for the finished points
 * (written atomically, and the point's checkpoints dropped after it); with {@code sweep.schedule = halving}
 * each rung's measurements and decision are files of their own under {@code rungs/}.
 * A resume under another grid, or a fresh sweep over an old one, is refused: results are never
 * mixed or overwritten silently.
 */
final class SweepState {
    static final String MANIFEST = "sweep.json";
    private static final String RUNGS = "rungs/";

    private final RunDirectory out;
    private final boolean retryFailed;

    /** With {@code retryFailed}, a point whose file records a failure counts as unfinished (it trains again). */
    SweepState(RunDirectory out, boolean retryFailed) {
        this.out = out;
        this.retryFailed = retryFailed;
    }

    static String pointFile(GridPoint p) {
        return SweepResults.pointFile(p.id());
    }

    /** A point's measurement at a successive-halving rung (its rows there), written when it is measured. */
    static String rungFile(int rung, GridPoint p) {
        return RUNGS + rung + "/" + p.id() + ".csv";
    }

    /** A rung's decision: every alive setting's verdict, written once the rung's points are all measured. */
    static String decisionFile(int rung) {
        return RUNGS + "rung-" + rung + ".csv";
    }

    /** Checks OUT against the grid and records the grid when it is new there. */
    void bind(SweepGrid grid, boolean resume) {
        if (out.exists(MANIFEST)) {
            if (!resume) {
                throw new ConfigException("output directory " + out.uri() + " already holds a sweep (" + MANIFEST
                        + "): pass --resume to continue it, or choose another --out");
            }
            String recorded = String.valueOf(read().get("fingerprint"));
            if (!recorded.equals(grid.fingerprint())) {
                throw new ConfigException("--resume: the grid or base config differs from the sweep in " + out.uri()
                        + " (fingerprint " + recorded.substring(0, Math.min(12, recorded.length())) + " there, "
                        + grid.fingerprint().substring(0, 12) + " now); restore the original config or choose another --out");
            }
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fingerprint", grid.fingerprint());
        m.put("points", grid.points().size());
        m.put("axes", grid.axes());
        m.put("thresholds", grid.thresholds());
        try {
            out.writeText(MANIFEST, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean finished(GridPoint p) {
        return out.exists(pointFile(p)) && !(retryFailed && failed(p));
    }

    private boolean failed(GridPoint p) {
        return ResultsCsv.read(out.readText(pointFile(p))).stream().anyMatch(r -> ResultRecord.FAILED.equals(r.status()));
    }

    List<GridPoint> unfinished(List<GridPoint> points) {
        return points.stream().filter(p -> !finished(p)).toList();
    }

    private Map<?, ?> read() {
        try {
            return new ObjectMapper().readValue(out.readText(MANIFEST), Map.class);
        } catch (IOException e) {
            throw new ConfigException(out.uri() + "/" + MANIFEST + " is not a sweep manifest: " + e.getMessage());
        }
    }
}
