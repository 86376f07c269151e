package io.sparkprune.spark.sweep;

import io.sparkprune.config.ConfigException;
import io.sparkprune.config.SweepSchedule;
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
    private static final String POINT_IDS = "point_ids";

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

    /**
     * Checks OUT against the grid and records the grid when it is new there, or, when {@code start}
     * extends the sweep, when the grid only gained points.
     */
    void bind(SweepGrid grid, SweepJob.Start start) {
        if (out.exists(MANIFEST)) {
            if (!start.resume()) {
                throw new ConfigException("output directory " + out.uri() + " already holds a sweep (" + MANIFEST
                        + "): pass --resume to continue it, or choose another --out");
            }
            Map<?, ?> manifest = read();
            String recorded = String.valueOf(manifest.get("fingerprint"));
            if (recorded.equals(grid.fingerprint())) {
                return;
            }
            if (!start.extend()) {
                throw new ConfigException("--resume: the grid or base config differs from the sweep in " + out.uri()
                        + " (fingerprint " + recorded.substring(0, Math.min(12, recorded.length())) + " there, "
                        + grid.fingerprint().substring(0, 12) + " now); restore the original config, choose another "
                        + "--out, or, if the grid only gained points, add --extend");
            }
            requireExtensionOf(manifest, grid);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fingerprint", grid.fingerprint());
        m.put("points", grid.points().size());
        m.put("axes", grid.axes());
        m.put("thresholds", grid.thresholds());
        m.put(POINT_IDS, grid.points().stream().map(GridPoint::id).toList());
        try {
            out.writeText(MANIFEST, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code --extend}: the grid in OUT plus new points, so that no row changes meaning. Every point the
     * manifest lists (or, in a manifest from before it listed them, every finished point) must still be
     * in the grid (a changed base config or point changes its id), a finished point at its index, the
     * thresholds the same, and the schedule full (halving's rung decisions rank the points they saw).
     */
    private void requireExtensionOf(Map<?, ?> manifest, SweepGrid grid) {
        String how = "--extend adds points to the sweep in " + out.uri() + ": ";
        if (grid.points().get(0).config().sweep().schedule() != SweepSchedule.FULL) {
            throw new ConfigException(how + "a halving sweep's rung decisions ranked the points it started with; "
                    + "run the new points as a sweep of their own (another --out)");
        }
        if (!String.valueOf(manifest.get("thresholds")).equals(String.valueOf(grid.thresholds()))) {
            throw new ConfigException(how + "the thresholds were " + manifest.get("thresholds") + " and are "
                    + grid.thresholds() + " now; keep sweep.grid.prune.threshold as it was");
        }
        Map<String, GridPoint> byId = new LinkedHashMap<>();
        grid.points().forEach(p -> byId.put(p.id(), p));
        List<String> kept = manifest.get(POINT_IDS) instanceof List<?> ids
                ? ids.stream().map(String::valueOf).toList()
                : out.list(SweepResults.POINTS).stream().filter(n -> n.endsWith(".csv"))
                        .map(n -> n.substring(0, n.length() - 4)).toList();
        for (String id : kept) {
            GridPoint p = byId.get(id);
            if (p == null) {
                throw new ConfigException(how + "point " + id + " is not in the grid now: the grid may only gain "
                        + "points (changing the base config or a listed point changes its id); restore them");
            }
            if (out.exists(pointFile(p))) {
                int was = ResultsCsv.read(out.readText(pointFile(p))).get(0).pointIndex();
                if (was != p.index()) {
                    throw new ConfigException(how + "finished point " + id + " was point " + was + " and would be "
                            + p.index() + ": list the new points where they come after every finished one "
                            + "(with replicates, only while the later replicates have not started), or use another --out");
                }
            }
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
