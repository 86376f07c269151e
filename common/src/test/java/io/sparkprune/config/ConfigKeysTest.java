package io.sparkprune.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Everything that names a config key agrees with its one declaration in {@link ConfigKeys}. */
class ConfigKeysTest {
    private static final Path README = Path.of("..", "README.md");
    private static final String TABLE_START = "<!-- config keys: generated from ConfigKeys, checked by ConfigKeysTest -->";
    private static final String TABLE_END = "<!-- end of config keys -->";
    /**
     * A penalty that is on, so that changing one regularizer key is not normalised away; an image
     * folder, whose geometry and classes may take any value (a built-in dataset fixes its own).
     */
    private static final RunConfig BASE = ConfigLoader.withValues(ConfigLoader.runConfig(ConfigLoader.defaults()),
            Map.of("regularizer.type", "l1l2", "regularizer.lambda", 0.1, "data.name", "image-folder"));

    @Test
    void theLoaderKnowsExactlyTheDeclaredKeysInOrder() {
        List<String> declared = ConfigKeys.ALL.stream().map(ConfigKey::name).toList();
        assertEquals(declared.size(), declared.stream().distinct().count(), "each key declared once");
        assertEquals(List.copyOf(new java.util.TreeSet<>(declared)), List.copyOf(ConfigLoader.knownKeys()));
        assertEquals(declared, List.copyOf(BASE.toFlatMap().keySet()), "the flat map writes every key, in order");
        for (ConfigKey<?> k : ConfigKeys.ALL) {
            assertEquals(k.flatDefault(), ConfigLoader.defaultValues().get(k.name()), k.name());
            assertTrue(ConfigLoader.defaults().hasPath(k.name()), k.name());
        }
    }

    /**
     * Each key travels loader -> record -> flat map on its own: setting it to another valid value
     * changes that key and no other (a key read into the wrong field, or written from it, fails here).
     */
    @Test
    void everyKeyIsReadIntoItsFieldAndWrittenBackFromIt() {
        Map<String, Object> base = BASE.toFlatMap();
        for (ConfigKey<?> k : ConfigKeys.ALL) {
            List<String> tried = new ArrayList<>();
            boolean changedAlone = false;
            for (Object candidate : otherValues(k, base.get(k.name()))) {
                Map<String, Object> expected = new LinkedHashMap<>(base);
                expected.put(k.name(), candidate);
                try {
                    Map<String, Object> after = ConfigLoader.withValues(BASE, Map.of(k.name(), candidate)).toFlatMap();
                    changedAlone |= after.equals(expected);
                    tried.add(candidate + " -> " + after);
                } catch (ConfigException e) {
                    tried.add(candidate + " -> " + e.getMessage()); // e.g. a grouping this type lacks
                }
            }
            assertTrue(changedAlone, k.name() + ": no other value changed this key alone: " + tried);
        }
    }

    @Test
    void outOfRangeValuesAreRejectedByTheDeclaredRange() {
        for (ConfigKey<?> k : ConfigKeys.ALL) {
            if (k.range() != Range.ANY) {
                Object below = k.type() == ValueType.DOUBLE ? (Object) (k.range().min() - 0.5) : (Object) (long) (k.range().min() - 1);
                String msg = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                        () -> ConfigLoader.withValues(BASE, Map.of(k.name(), below)), k.name()).getMessage();
                assertTrue(msg.contains("'" + k.name() + "'") && msg.contains(k.range().describe()), msg);
            }
        }
    }

    @Test
    void theReadmeKeyTableIsTheDeclaration() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf(TABLE_START);
        int end = readme.indexOf(TABLE_END);
        assertTrue(start >= 0 && end > start, "README.md holds the key table between " + TABLE_START + " and " + TABLE_END);
        String table = readme.substring(start + TABLE_START.length(), end).strip();
        assertEquals(markdownTable(), table, "README.md's key table differs from ConfigKeys; paste the expected one");
    }

    /** The README's table: one row per key, as declared. */
    static String markdownTable() {
        List<String> rows = new ArrayList<>();
        rows.add("| key | default | values | meaning |");
        rows.add("|---|---|---|---|");
        for (ConfigKey<?> k : ConfigKeys.ALL) {
            rows.add("| `" + k.name() + "` | " + k.flatDefault() + " | " + k.accepted().replace("|", "\\|") + " | "
                    + k.description().replace("|", "\\|") + " |");
        }
        return String.join("\n", rows);
    }

    private static List<Object> otherValues(ConfigKey<?> k, Object current) {
        Object d = k.flatDefault();
        List<Object> candidates = new ArrayList<>();
        if (k.defaultValue() instanceof Named n) {
            for (Object c : n.getClass().getEnumConstants()) {
                candidates.add(((Named) c).configName());
            }
        } else if (d instanceof Boolean b) {
            candidates.add(!b);
        } else if (d instanceof Integer i) {
            candidates.add(i + 1);
        } else if (d instanceof Long l) {
            candidates.add(l + 1);
        } else if (d instanceof Double x) {
            candidates.addAll(List.of(x / 2 + 0.25, x + 0.25));
        } else if (d instanceof List<?> names) {
            candidates.add(java.util.stream.Stream.concat(names.stream(), java.util.stream.Stream.of("a", "b")).toList());
        } else {
            candidates.add(d + "-other");
        }
        return candidates.stream().filter(c -> !c.equals(current)).collect(Collectors.toList());
    }
}
