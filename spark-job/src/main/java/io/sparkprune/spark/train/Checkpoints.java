package io.sparkprune.spark.train;

import io.sparkprune.config.ConfigException;
import io.sparkprune.config.ConfigKeys;
import io.sparkprune.config.RunConfig;
import io.sparkprune.io.RunDirectory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One model per finished epoch in {@code OUT/checkpoints/}, written atomically, so that
 * {@code train --resume} continues after a crash from the last finished epoch. A sweep point keeps
 * its own in {@code OUT/checkpoints/<point id>/} ({@link #ofSweepPoint}), only the latest epoch, and
 * drops them once its results are written. The run's config
 * is recorded beside them: resuming under a different config (other than the epoch budget and the pruning settings) is
 * refused, because it would silently mix two experiments.
 */
public final class Checkpoints {
    static final String DIR = "checkpoints/";
    private static final String CONFIG = DIR + "config.properties";

    private final RunDirectory out;
    private final String dir;
    private final boolean latestOnly;

    Checkpoints(RunDirectory out) {
        this(out, DIR, false);
    }

    private Checkpoints(RunDirectory out, String dir, boolean latestOnly) {
        this.out = out;
        this.dir = dir;
        this.latestOnly = latestOnly;
    }

    /** A sweep point's checkpoints: {@code OUT/checkpoints/<point id>/}, the latest epoch only. */
    public static Checkpoints ofSweepPoint(RunDirectory out, String pointId) {
        return new Checkpoints(out, DIR + pointId + "/", true);
    }

    /**
     * Writes epoch {@code epoch}'s model (weights, updater state, epoch and iteration counters) and
     * the seconds of training that produced it (over every run that resumed it), then names it the
     * latest: a crash in between leaves the previous latest intact, and the next save removes what its
     * unfinished write left.
     */
    public void save(int epoch, MultiLayerNetwork net, double trainedSeconds) {
        Optional<Integer> previous = latestOnly ? latestEpoch() : Optional.empty();
        out.writeModel(modelName(epoch), net);
        out.writeText(secondsName(epoch), Double.toString(trainedSeconds));
        out.writeText(latest(), Integer.toString(epoch));
        previous.filter(e -> e != epoch).ifPresent(e -> {
            out.delete(modelName(e));
            out.delete(secondsName(e));
        });
        out.deleteUnfinishedWrites(dir);
    }

    /**
     * The seconds of training behind the latest epoch's model, so that a resumed run reports the
     * whole training time; 0 without a checkpoint (or one written before this was recorded).
     */
    public double trainedSeconds() {
        return latestEpoch().map(this::secondsName).filter(out::exists)
                .map(name -> Double.parseDouble(out.readText(name).strip())).orElse(0.0);
    }

    /** Removes every sweep point's checkpoints (once all points of a sweep have their files). */
    public static void deleteSweepPoints(RunDirectory out) {
        out.delete(DIR);
    }

    /** Removes these checkpoints (a sweep point whose results are written needs them no more). */
    public void delete() {
        out.delete(dir);
    }

    /** Records the config for later resumes; refuses a resume under a different one. */
    void bind(RunConfig cfg, boolean resume) {
        String recorded = describe(cfg);
        if (resume && out.exists(CONFIG)) {
            List<String> differences = differences(out.readText(CONFIG), cfg);
            if (!differences.isEmpty()) {
                throw new ConfigException("--resume: the config differs from the one the checkpoints in "
                        + out.path(DIR) + " were trained with (" + String.join(", ", differences)
                        + "); resume with the same config (e.g. --set KEY=VALUE as it was there) or use a new --out");
            }
        }
        out.writeText(CONFIG, recorded);
    }

    /** The last finished epoch, if any. */
    public Optional<Integer> latestEpoch() {
        if (!out.exists(latest())) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(out.readText(latest()).strip()));
    }

    public MultiLayerNetwork load(int epoch) {
        return out.readModel(modelName(epoch));
    }

    private String latest() {
        return dir + "latest";
    }

    private String modelName(int epoch) {
        return String.format("%sepoch-%04d.zip", dir, epoch);
    }

    private String secondsName(int epoch) {
        return String.format("%sepoch-%04d.seconds", dir, epoch);
    }

    /** The config as sorted key=value lines, without the keys a resume may change. */
    private static String describe(RunConfig cfg) {
        StringBuilder sb = new StringBuilder();
        described(cfg).forEach((key, value) -> sb.append(key).append('=').append(value).append('\n'));
        return sb.toString();
    }

    private static Map<String, String> described(RunConfig cfg) {
        Map<String, String> m = new TreeMap<>();
        cfg.toFlatMap().forEach((key, value) -> {
            if (!key.equals(ConfigKeys.TRAIN_EPOCHS.name()) && !key.startsWith("prune.")) {
                m.put(key, String.valueOf(value));
            }
        });
        return m;
    }

    /**
     * Where {@code cfg} differs from the {@link #describe recorded} config, as "key: was there, is now".
     * A key the recording lacks (added by a later version) matches at its default, the behaviour the
     * checkpoints trained with.
     */
    private static List<String> differences(String recorded, RunConfig cfg) {
        Map<String, String> was = new TreeMap<>();
        recorded.lines().filter(l -> l.indexOf('=') > 0)
                .forEach(l -> was.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        Map<String, String> now = described(cfg);
        now.forEach((key, value) -> was.putIfAbsent(key, String.valueOf(ConfigKeys.byName(key).flatDefault())));
        Set<String> keys = new TreeSet<>(was.keySet());
        keys.addAll(now.keySet());
        return keys.stream().filter(k -> !Objects.equals(was.get(k), now.get(k)))
                .map(k -> k + ": " + was.get(k) + " there, " + now.get(k) + " now").toList();
    }
}
