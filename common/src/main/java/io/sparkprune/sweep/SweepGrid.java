package io.sparkprune.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.sparkprune.config.ConfigException;
import io.sparkprune.config.ConfigKeys;
import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.RegularizerType;
import io.sparkprune.config.RunConfig;
import io.sparkprune.config.SparkMode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The cartesian product of {@code sweep.grid.<key> = [values]} over a base run config, optionally
 * crossed with a list of hand-picked points ({@code sweep.points = [{key = value, ...}, ...]}, e.g.
 * each regularizer at its own best lambda, crossed with {@code sweep.grid.train.seed = [2, 3]}).
 * {@code prune.threshold} is not a grid axis: its values are evaluated on every trained model
 * without retraining. {@code sweep.replicates = K} trains every setting K times, replicate r > 0
 * with {@code train.seed} derived from the setting's seed and r ({@link #replicateSeed}).
 */
public final class SweepGrid {
    public static final String THRESHOLD_KEY = ConfigKeys.PRUNE_THRESHOLD.name();
    private static final Map<String, Object> DEFAULTS = ConfigLoader.defaultValues();
    private static final String TYPE_KEY = ConfigKeys.REGULARIZER_TYPE.name();
    private static final String LAMBDA_KEY = ConfigKeys.REGULARIZER_LAMBDA.name();
    private static final String SEED_KEY = ConfigKeys.TRAIN_SEED.name();
    private static final String REPLICATES_KEY = ConfigLoader.REPLICATES_KEY;
    private static final String SCHEDULE_KEYS = "sweep.";

    /** The run keys as configured, before a run config normalises them: grid values replace keys here. */
    private final Config configured;
    private final RunConfig base;
    private final Map<String, List<Object>> axes;
    private final List<Double> thresholds;
    private final List<Map<String, Object>> listed;
    private final int replicates;

    private SweepGrid(Config configured, RunConfig base, Map<String, List<Object>> axes, List<Double> thresholds,
                      List<Map<String, Object>> listed, int replicates) {
        this.configured = configured;
        this.base = base;
        this.axes = axes;
        this.thresholds = thresholds;
        this.listed = listed;
        this.replicates = replicates;
    }

    /** Reads the grid from a merged config (see {@link ConfigLoader#load}). */
    public static SweepGrid from(Config merged) {
        RunConfig base = ConfigLoader.runConfig(merged);
        Map<String, List<Object>> axes = new TreeMap<>();
        List<Double> thresholds = List.of(base.prune().threshold());
        if (merged.hasPath("sweep.grid")) {
            for (Map.Entry<String, ConfigValue> e : merged.getConfig("sweep.grid").entrySet()) {
                String key = e.getKey();
                String fullKey = ConfigLoader.GRID_PREFIX + key;
                if (e.getValue().valueType() != ConfigValueType.LIST) {
                    throw ConfigException.forKey(fullKey, "must be a list of values, e.g. [1e-4, 1e-3]");
                }
                List<Object> values = new ArrayList<>(merged.getList(fullKey).unwrapped());
                if (values.isEmpty()) {
                    throw ConfigException.forKey(fullKey, "must list at least one value");
                }
                if (key.startsWith(SCHEDULE_KEYS)) {
                    throw ConfigException.forKey(fullKey, "the schedule applies to the whole sweep, not a point: "
                            + "set " + key + " once");
                }
                if (key.equals(THRESHOLD_KEY)) {
                    thresholds = values.stream().map(v -> toThreshold(fullKey, v)).sorted().toList();
                } else {
                    axes.put(key, values);
                }
            }
        }
        if (thresholds.stream().distinct().count() != thresholds.size()) {
            throw ConfigException.forKey(ConfigLoader.GRID_PREFIX + THRESHOLD_KEY, "lists a value twice: " + thresholds);
        }
        // The sweep's own keys out; its schedule (sweep.schedule, sweep.halving.*) stays a run key.
        Config configured = merged.withoutPath("sweep.grid").withoutPath(ConfigLoader.POINTS_KEY)
                .withoutPath(REPLICATES_KEY);
        SweepGrid grid = new SweepGrid(configured, base, axes, thresholds,
                listedPoints(merged, axes.keySet()), replicates(merged));
        grid.points(); // validates every point now, not hours into the sweep
        return grid;
    }

    /**
     * Every grid point, in a stable order (listed points in their order, then axes with keys sorted,
     * values as listed; the baseline crossed with several lambdas appears once, at its first place),
     * then with {@code sweep.replicates = K > 1} the same settings again as replicate 1, ..., K - 1, so
     * that a partly finished sweep has compared every setting once before it repeats any.
     */
    public List<GridPoint> points() {
        List<GridPoint> settings = firstReplicates();
        List<GridPoint> points = new ArrayList<>(settings);
        Map<String, GridPoint> seen = new TreeMap<>();
        settings.forEach(p -> seen.put(p.id(), p));
        for (int r = 1; r < replicates; r++) {
            for (GridPoint s : settings) {
                RunConfig cfg = ConfigLoader.withValues(s.config(),
                        Map.of(SEED_KEY, replicateSeed(s.config().train().seed(), r)));
                GridPoint p = new GridPoint(points.size(), idOf(cfg), s.values(), cfg, s.id(), r);
                GridPoint twin = seen.putIfAbsent(p.id(), p);
                if (twin != null) {
                    throw ConfigException.forKey(REPLICATES_KEY, "replicate " + r + " of " + s.values()
                            + " trains with the same seed as " + twin.values() + " (replicate " + twin.replicate()
                            + "): give the grid's train.seed values more room or use fewer replicates");
                }
                points.add(p);
            }
        }
        return points;
    }

    /**
     * The seed of replicate {@code r} of a setting trained with {@code seed}: the seed itself for
     * replicate 0, so that a sweep gains replicates without retraining its first run, and a
     * SplitMix64 mix of both otherwise (non-negative, so that it reads well in a table).
     */
    public static long replicateSeed(long seed, int r) {
        if (r == 0) {
            return seed;
        }
        long z = seed + r * 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return (z ^ (z >>> 31)) >>> 1;
    }

    /** The settings of the grid: replicate 0 of each point. */
    private List<GridPoint> firstReplicates() {
        List<Map<String, Object>> combos = new ArrayList<>();
        if (listed.isEmpty()) {
            combos.add(new LinkedHashMap<>());
        } else {
            listed.forEach(p -> combos.add(new LinkedHashMap<>(p)));
        }
        for (Map.Entry<String, List<Object>> axis : axes.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : combos) {
                for (Object v : axis.getValue()) {
                    Map<String, Object> m = new LinkedHashMap<>(partial);
                    m.put(axis.getKey(), v);
                    next.add(m);
                }
            }
            combos.clear();
            combos.addAll(next);
        }
        List<GridPoint> points = new ArrayList<>(combos.size());
        Map<String, Map<String, Object>> seen = new TreeMap<>();
        for (Map<String, Object> values : combos) {
            RunConfig cfg;
            try {
                cfg = ConfigLoader.runConfig(configured, values);
            } catch (ConfigException e) {
                throw new ConfigException("sweep grid point " + values + ": " + e.getMessage());
            }
            rejectPenaltyWithoutStrength(values, cfg);
            String id = idOf(cfg);
            Map<String, Object> twin = seen.putIfAbsent(id, values);
            if (twin == null) {
                points.add(new GridPoint(points.size(), id, Map.copyOf(values), cfg, id, 0));
            } else if (!differOnlyInWhatNoneIgnores(twin, values, cfg)) {
                throw new ConfigException("sweep grid points " + twin + " and " + values
                        + " are the same run: a sweep.grid list (or sweep.points) holds a value twice");
            }
        }
        return points;
    }

    /**
     * The sweep's full configuration as one flat map: the base run keys, then each axis as
     * {@code sweep.grid.<key>}, the thresholds and the listed points (for the run record).
     */
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>(base.toFlatMap());
        axes.forEach((key, values) -> m.put(ConfigLoader.GRID_PREFIX + key, values));
        m.put(ConfigLoader.GRID_PREFIX + THRESHOLD_KEY, thresholds);
        if (!listed.isEmpty()) {
            m.put(ConfigLoader.POINTS_KEY, listed);
        }
        if (replicates > 1) {
            m.put(REPLICATES_KEY, replicates);
        }
        return m;
    }

    /** How many times each setting is trained ({@code sweep.replicates}, 1 when not set). */
    public int replicates() {
        return replicates;
    }

    public List<Double> thresholds() {
        return thresholds;
    }

    public Map<String, List<Object>> axes() {
        return axes;
    }

    /**
     * A fingerprint of everything that defines the sweep's results: the base config, the axes
     * and the thresholds. A resume under another fingerprint would mix two experiments.
     */
    public String fingerprint() {
        return sha256(identity(base) + "|" + axes + "|" + thresholds + (listed.isEmpty() ? "" : "|" + listed)
                + (replicates == 1 ? "" : "|replicates=" + replicates));
    }

    private static int replicates(Config merged) {
        if (!merged.hasPath(REPLICATES_KEY)) {
            return 1;
        }
        ConfigValue v = merged.getValue(REPLICATES_KEY);
        if (!(v.unwrapped() instanceof Integer n) || n < 1 || n > 100) {
            throw ConfigException.forKey(REPLICATES_KEY, "must be a whole number from 1 to 100, got " + v.render());
        }
        return n;
    }

    /** {@code sweep.points}: objects of scalar run keys, none of them also a grid axis or the threshold. */
    private static List<Map<String, Object>> listedPoints(Config merged, Set<String> axisKeys) {
        String key = ConfigLoader.POINTS_KEY;
        if (!merged.hasPath(key)) {
            return List.of();
        }
        if (merged.getValue(key).valueType() != ConfigValueType.LIST) {
            throw ConfigException.forKey(key, "must be a list of objects, e.g. [{regularizer.type = l1, "
                    + "regularizer.lambda = 0.001}, {regularizer.type = none}]");
        }
        List<Map<String, Object>> points = new ArrayList<>();
        for (ConfigValue v : merged.getList(key)) {
            if (!(v instanceof ConfigObject o) || o.isEmpty()) {
                throw ConfigException.forKey(key, "entry " + (points.size() + 1) + " must be a non-empty object "
                        + "such as {regularizer.type = l1, regularizer.lambda = 0.001}, got " + v.render());
            }
            Map<String, Object> point = new TreeMap<>();
            for (Map.Entry<String, ConfigValue> e : o.toConfig().entrySet()) {
                String where = key + " entry " + (points.size() + 1) + ", " + e.getKey();
                if (e.getKey().startsWith(SCHEDULE_KEYS)) {
                    throw ConfigException.forKey(where, "the schedule applies to the whole sweep, not a point");
                }
                if (axisKeys.contains(e.getKey()) || e.getKey().equals(THRESHOLD_KEY)) {
                    throw ConfigException.forKey(where, "is also a sweep.grid axis (or the threshold list): "
                            + "set it in one place");
                }
                if (e.getValue().valueType() == ConfigValueType.LIST || e.getValue().valueType() == ConfigValueType.OBJECT) {
                    throw ConfigException.forKey(where, "must be a single value; lists of values go in sweep.grid");
                }
                point.put(e.getKey(), e.getValue().unwrapped());
            }
            points.add(point);
        }
        if (points.isEmpty()) {
            throw ConfigException.forKey(key, "must list at least one point (or be left out)");
        }
        return List.copyOf(points);
    }

    /**
     * A point whose grid values ask for a penalty type at lambda 0 would train the baseline under
     * another label (or twice); single runs read such a config as none, a grid names it as an error.
     */
    private void rejectPenaltyWithoutStrength(Map<String, Object> values, RunConfig cfg) {
        Object type = values.containsKey(TYPE_KEY) ? values.get(TYPE_KEY) : configured.getString(TYPE_KEY);
        boolean gridSetsPenalty = values.containsKey(TYPE_KEY) || values.containsKey(LAMBDA_KEY);
        if (gridSetsPenalty && cfg.regularizer().isOff() && !RegularizerType.NONE.configName().equals(type)) {
            throw ConfigException.forKey(LAMBDA_KEY, "sweep grid point " + values + " asks for regularizer.type '"
                    + type + "' at lambda 0, which trains no penalty (the none point is the unregularized baseline): "
                    + "give it a lambda > 0 or leave lambda 0 out of the grid");
        }
    }

    /**
     * The baseline ({@code none}) reads no lambda, dense flag or target, so a grid crossing it with
     * lambdas trains it once; any other pair of equal points is a value listed twice (e.g. [1, 1.0]).
     */
    private static boolean differOnlyInWhatNoneIgnores(Map<String, Object> a, Map<String, Object> b, RunConfig cfg) {
        if (cfg.regularizer().type() != RegularizerType.NONE || a.equals(b)) {
            return false;
        }
        for (String key : a.keySet()) {
            if (!a.get(key).equals(b.get(key)) && !key.equals(LAMBDA_KEY) && !key.equals(ConfigKeys.REGULARIZER_DENSE.name())
                    && !key.equals(ConfigKeys.REGULARIZER_TARGET.name())) {
                return false;
            }
        }
        return true;
    }

    /** Grid points the cartesian product lists but the sweep trains once (the baseline across lambdas). */
    public int collapsedPoints() {
        int product = axes.values().stream().mapToInt(List::size).reduce(Math.max(1, listed.size()), (x, y) -> x * y);
        return product - firstReplicates().size();
    }

    /**
     * A point's id: its run keys apart from the thresholds and the sweep's schedule (a point trains
     * the same under either; the fingerprint tells the sweeps apart), so that a halving sweep's
     * points have the ids of the full grid's.
     */
    private static String idOf(RunConfig cfg) {
        Map<String, Object> flat = identity(cfg);
        flat.remove(THRESHOLD_KEY);
        flat.keySet().removeIf(key -> key.startsWith(SCHEDULE_KEYS));
        return sha256(flat.toString()).substring(0, 12);
    }

    /**
     * The keys that differ from the built-in defaults, sorted, without the averaging frequency of a
     * grid-parallel run (which trains in one JVM and never averages). Ids and fingerprints hash only
     * these, so a key added in a later version with a default that keeps the old behaviour, or a
     * default that only changes what a point does not use, leaves a running sweep resumable.
     */
    private static Map<String, Object> identity(RunConfig cfg) {
        Map<String, Object> flat = new TreeMap<>(cfg.toFlatMap());
        flat.entrySet().removeIf(e -> e.getValue().equals(DEFAULTS.get(e.getKey())));
        if (cfg.spark().mode() == SparkMode.GRID_PARALLEL) {
            flat.remove(ConfigKeys.SPARK_AVERAGING_FREQUENCY.name());
        }
        return flat;
    }

    private static double toThreshold(String key, Object v) {
        if (!(v instanceof Number n) || !(n.doubleValue() >= 0) || Double.isInfinite(n.doubleValue())) {
            throw ConfigException.forKey(key, "values must be finite numbers >= 0, got " + v);
        }
        return n.doubleValue();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
