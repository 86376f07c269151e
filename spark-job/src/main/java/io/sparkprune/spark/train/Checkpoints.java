package io.sparkprune.spark.train;

import io.sparkprune.config.ConfigException;
import io.sparkprune.config.RunConfig;
import io.sparkprune.io.RunDirectory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.Map;
import java.util.Optional;

/**
 * One model per finished epoch in {@code OUT/checkpoints/}, written atomically, so that
 * {@code train --resume} continues after a crash from the last finished epoch. The run's config
 * is recorded beside them: resuming under a different config (other than the epoch budget and the pruning settings) is
 * refused, because it would silently mix two experiments.
 */
final class Checkpoints {
    static final String DIR = "checkpoints/";
    private static final String CONFIG = DIR + "config.properties";
    private static final String LATEST = DIR + "latest";

    private final RunDirectory out;

    Checkpoints(RunDirectory out) {
        this.out = out;
    }

    void save(int epoch, MultiLayerNetwork net) {
        out.writeModel(modelName(epoch), net);
        out.writeText(LATEST, Integer.toString(epoch));
    }

    /** Records the config for later resumes; refuses a resume under a different one. */
    void bind(RunConfig cfg, boolean resume) {
        String recorded = describe(cfg);
        if (resume && out.exists(CONFIG) && !out.readText(CONFIG).equals(recorded)) {
            throw new ConfigException("--resume: the config differs from the one the checkpoints in "
                    + out.path(DIR) + " were trained with; resume with the same config or use a new --out");
        }
        out.writeText(CONFIG, recorded);
    }

    /** The last finished epoch, if any. */
    Optional<Integer> latestEpoch() {
        if (!out.exists(LATEST)) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(out.readText(LATEST).strip()));
    }

    MultiLayerNetwork load(int epoch) {
        return out.readModel(modelName(epoch));
    }

    private static String modelName(int epoch) {
        return String.format("%sepoch-%04d.zip", DIR, epoch);
    }

    /** The config as sorted key=value lines, without the keys a resume may change. */
    private static String describe(RunConfig cfg) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : new java.util.TreeMap<>(cfg.toFlatMap()).entrySet()) {
            if (!e.getKey().equals("train.epochs") && !e.getKey().startsWith("prune.")) {
                sb.append(e.getKey()).append('=').append(e.getValue()).append('\n');
            }
        }
        return sb.toString();
    }
}
