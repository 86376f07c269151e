package io.sparkprune.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValueFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads HOCON configs: built-in defaults, then the user's file, then {@code --set key=value}
 * overrides, each winning over the one before. Unknown keys and bad values fail here, with the
 * key's name, before any work starts.
 */
public final class ConfigLoader {
    /** Prefix of sweep grid keys: {@code sweep.grid.<any run key> = [values]}. */
    public static final String GRID_PREFIX = "sweep.grid.";
    /** A list of objects, each fixing some run keys; the sweep crosses each with the grid axes. */
    public static final String POINTS_KEY = "sweep.points";
    /** How many times a sweep trains each setting, each replicate with its own seed. */
    public static final String REPLICATES_KEY = "sweep.replicates";
    private static final Config DEFAULTS = ConfigFactory.parseMap(defaultValues(), "sparkprune's built-in defaults");
    private static final Set<String> KNOWN = ConfigKeys.ALL.stream().map(ConfigKey::name)
            .collect(Collectors.toCollection(TreeSet::new));

    private ConfigLoader() {
    }

    /** The built-in defaults (every key of {@link ConfigKeys}). */
    public static Config defaults() {
        return DEFAULTS;
    }

    /** Every key's default as the flat map holds it, in declaration order. */
    public static Map<String, Object> defaultValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        ConfigKeys.ALL.forEach(k -> m.put(k.name(), k.flatDefault()));
        return m;
    }

    /** Every run key, e.g. {@code train.lr}, sorted. */
    public static Set<String> knownKeys() {
        return KNOWN;
    }

    /** Merges defaults, the file (may be null) and the overrides; checks that every key is known. */
    public static Config load(Path file, List<String> overrides) {
        Config user = ConfigFactory.empty();
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("config file not found: " + file + " (give an existing HOCON file with --config)");
            }
            try {
                user = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
            } catch (com.typesafe.config.ConfigException e) {
                throw new ConfigException("cannot parse config file " + file + ": " + e.getMessage());
            }
            CutTextValues.reject(user);
        }
        for (String override : overrides) {
            user = parseOverride(override).withFallback(user);
        }
        try {
            user = user.resolve(ConfigResolveOptions.defaults().setAllowUnresolved(false));
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigException("cannot resolve config: " + e.getMessage());
        }
        rejectUnknownKeys(user);
        return user.withFallback(DEFAULTS);
    }

    /** A recorded run config with {@code --set} overrides applied over it. */
    public static RunConfig withOverrides(RunConfig base, List<String> overrides) {
        Config user = ConfigFactory.empty();
        for (String override : overrides) {
            user = parseOverride(override).withFallback(user);
        }
        rejectUnknownKeys(user);
        return runConfig(user.withFallback(ConfigFactory.parseMap(base.toFlatMap())));
    }

    /** The validated run config of a merged config. */
    public static RunConfig runConfig(Config c) {
        try {
            return new RunConfig(
                    new DataConfig(ConfigKeys.DATA_NAME.read(c), ConfigKeys.DATA_DIR.read(c),
                            ConfigKeys.DATA_TRAIN_LIMIT.read(c), ConfigKeys.DATA_TEST_LIMIT.read(c),
                            ConfigKeys.DATA_VALIDATION.read(c),
                            ConfigKeys.DATA_HEIGHT.read(c), ConfigKeys.DATA_WIDTH.read(c),
                            ConfigKeys.DATA_CHANNELS.read(c), ConfigKeys.DATA_CLASSES.read(c),
                            ConfigKeys.DATA_AUGMENT.read(c), ConfigKeys.DATA_NORMALIZE.read(c)),
                    new ModelConfig(ConfigKeys.MODEL_ARCH.read(c), ConfigKeys.MODEL_WIDTH.read(c),
                            ConfigKeys.MODEL_CONVOLUTION.read(c)),
                    new TrainConfig(ConfigKeys.TRAIN_EPOCHS.read(c), ConfigKeys.TRAIN_BATCH_SIZE.read(c),
                            ConfigKeys.TRAIN_LR.read(c), ConfigKeys.TRAIN_LR_SCHEDULE.read(c),
                            ConfigKeys.TRAIN_SEED.read(c)),
                    new RegularizerConfig(ConfigKeys.REGULARIZER_TYPE.read(c), ConfigKeys.REGULARIZER_LAMBDA.read(c),
                            ConfigKeys.REGULARIZER_GROUP.read(c), ConfigKeys.REGULARIZER_DENSE.read(c),
                            ConfigKeys.REGULARIZER_TARGET.read(c)),
                    new PruneConfig(ConfigKeys.PRUNE_RULE.read(c), ConfigKeys.PRUNE_THRESHOLD.read(c),
                            ConfigKeys.PRUNE_CURVE_POINTS.read(c), ConfigKeys.PRUNE_TARGET_ACCURACY.read(c),
                            ConfigKeys.PRUNE_FINETUNE_EPOCHS.read(c)),
                    new SparkSettings(ConfigKeys.SPARK_MODE.read(c), ConfigKeys.SPARK_AVERAGING_FREQUENCY.read(c),
                            ConfigKeys.SPARK_TASK_THREADS.read(c)),
                    new SweepSettings(ConfigKeys.SWEEP_SCHEDULE.read(c), ConfigKeys.SWEEP_HALVING_MIN_EPOCHS.read(c),
                            ConfigKeys.SWEEP_HALVING_ETA.read(c)));
        } catch (com.typesafe.config.ConfigException.WrongType | com.typesafe.config.ConfigException.BadValue e) {
            throw new ConfigException(e.getMessage().replaceFirst("^.*?: ", "config key "));
        }
    }

    /** A run config with some keys replaced, validated again. */
    public static RunConfig withValues(RunConfig base, Map<String, ?> values) {
        return runConfig(ConfigFactory.parseMap(base.toFlatMap()), values);
    }

    /**
     * The run config of a merged config with some keys replaced (a sweep's grid point). Replacing
     * in the merged config, not in its run config, keeps what that run config normalises away
     * (a penalty type at lambda 0 reads none) for the point to set.
     */
    public static RunConfig runConfig(Config merged, Map<String, ?> values) {
        Config c = merged;
        for (Map.Entry<String, ?> e : values.entrySet()) {
            if (!knownKeys().contains(e.getKey())) {
                throw ConfigException.forKey(e.getKey(), "unknown key; known keys: " + knownKeys());
            }
            c = c.withValue(e.getKey(), ConfigValueFactory.fromAnyRef(e.getValue()));
        }
        return runConfig(c);
    }

    private static Config parseOverride(String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("--set expects key=value, got '" + override + "'");
        }
        String key = override.substring(0, eq).trim();
        String value = override.substring(eq + 1).trim();
        ConfigKey<?> declared = ConfigKeys.byName(key);
        if (declared != null && declared.type().literal() && !value.startsWith("\"")) {
            // A path as written: HOCON would end "/data//mnist" at "//" (a comment) and read "/data".
            return ConfigFactory.empty().withValue(key, ConfigValueFactory.fromAnyRef(value));
        }
        try {
            return ConfigFactory.parseString("\"" + String.join("\".\"", key.split("\\.")) + "\" = " + value);
        } catch (com.typesafe.config.ConfigException e) {
            // A bare word HOCON cannot parse (e.g. a path with ':') is taken as a string.
            return ConfigFactory.empty().withValue(key, ConfigValueFactory.fromAnyRef(value));
        }
    }

    private static void rejectUnknownKeys(Config user) {
        Set<String> known = knownKeys();
        for (var entry : user.entrySet()) {
            String key = entry.getKey();
            String runKey = key.startsWith(GRID_PREFIX) ? key.substring(GRID_PREFIX.length()) : key;
            if (!known.contains(runKey) && !key.equals(POINTS_KEY) && !key.startsWith(POINTS_KEY + ".")
                    && !key.equals(REPLICATES_KEY)) {
                throw ConfigException.forKey(key, "unknown key (known keys: " + String.join(", ", known)
                        + (key.startsWith("sweep.") ? "; sweep grids are written sweep.grid.<key> = [values]" : "") + ")");
            }
        }
    }

    private static <E extends Enum<E> & Named> E named(Config c, Class<E> type, String key) {
        return Named.parse(type, key, c.getString(key));
    }
}
