package io.sparkprune.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValueFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
    private static final String DEFAULTS_RESOURCE = "sparkprune-defaults.conf";
    private static final Config DEFAULTS = ConfigFactory.parseResources(ConfigLoader.class, "/" + DEFAULTS_RESOURCE,
            ConfigParseOptions.defaults().setAllowMissing(false));

    private ConfigLoader() {
    }

    /** The built-in defaults (every known run key). */
    public static Config defaults() {
        return DEFAULTS;
    }

    /** Every run key, e.g. {@code train.lr}. */
    public static Set<String> knownKeys() {
        Set<String> keys = new TreeSet<>();
        DEFAULTS.entrySet().forEach(e -> keys.add(e.getKey()));
        return keys;
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
                    new DataConfig(named(c, DatasetName.class, "data.name"), c.getString("data.dir"),
                            c.getInt("data.train-limit"), c.getInt("data.test-limit"), c.getInt("data.height"),
                            c.getInt("data.width"), c.getInt("data.channels"), c.getStringList("data.classes"),
                            named(c, Augmentation.class, "data.augment"),
                            named(c, Normalization.class, "data.normalize")),
                    new ModelConfig(named(c, Architecture.class, "model.arch"), c.getDouble("model.width"),
                            named(c, ConvolutionImpl.class, "model.convolution")),
                    new TrainConfig(c.getInt("train.epochs"), c.getInt("train.batch-size"), c.getDouble("train.lr"),
                            named(c, LearningRateSchedule.class, "train.lr-schedule"), c.getLong("train.seed")),
                    new RegularizerConfig(named(c, RegularizerType.class, "regularizer.type"),
                            c.getDouble("regularizer.lambda"), named(c, RegularizerGroup.class, "regularizer.group"),
                            c.getBoolean("regularizer.dense")),
                    new PruneConfig(named(c, PruneRule.class, "prune.rule"), c.getDouble("prune.threshold"),
                            c.getInt("prune.finetune-epochs")),
                    new SparkSettings(named(c, SparkMode.class, "spark.mode"), c.getInt("spark.averaging-frequency"),
                            c.getInt("spark.task-threads")));
        } catch (com.typesafe.config.ConfigException.WrongType | com.typesafe.config.ConfigException.BadValue e) {
            throw new ConfigException(e.getMessage().replaceFirst("^.*?: ", "config key "));
        }
    }

    /** A run config with some keys replaced (a sweep's grid point), validated again. */
    public static RunConfig withValues(RunConfig base, Map<String, ?> values) {
        Config c = ConfigFactory.parseMap(base.toFlatMap());
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
            if (!known.contains(runKey) && !key.equals(POINTS_KEY) && !key.startsWith(POINTS_KEY + ".")) {
                throw ConfigException.forKey(key, "unknown key (known keys: " + String.join(", ", known)
                        + (key.startsWith("sweep.") ? "; sweep grids are written sweep.grid.<key> = [values]" : "") + ")");
            }
        }
    }

    private static <E extends Enum<E> & Named> E named(Config c, Class<E> type, String key) {
        return Named.parse(type, key, c.getString(key));
    }
}
