package io.sparkprune.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/** An enum whose constants have the lower-case names users write in configs. */
public interface Named {
    /** The name as written in configs and outputs, e.g. {@code hoyer-square}. */
    String configName();

    static <E extends Enum<E> & Named> E parse(Class<E> type, String key, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.configName().equals(value)) {
                return e;
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants()).map(Named::configName)
                .collect(Collectors.joining(" | "));
        throw ConfigException.forKey(key, "unknown value '" + value + "', expected one of: " + allowed);
    }
}
