package io.sparkprune.spark.train;

import java.util.LinkedHashMap;
import java.util.Map;

/** Where a result came from: code version, Java, Spark master and parallelism. */
final class Provenance {
    private Provenance() {
    }

    static Map<String, Object> of(org.apache.spark.api.java.JavaSparkContext sc) {
        Map<String, Object> m = new LinkedHashMap<>();
        String v = Provenance.class.getPackage().getImplementationVersion();
        m.put("sparkprune_version", v == null ? "development" : v);
        m.put("java_version", System.getProperty("java.version"));
        m.put("spark_version", sc.version());
        m.put("spark_master", sc.master());
        m.put("spark_default_parallelism", sc.defaultParallelism());
        return m;
    }
}
