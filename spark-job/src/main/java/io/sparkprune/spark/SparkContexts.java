package io.sparkprune.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Creates the job's Spark context. The master comes from spark-submit when it set one; an explicit
 * {@code --master} wins; a bare launcher run gets {@code local[*]}.
 */
public final class SparkContexts {
    public static final String DEFAULT_MASTER = "local[*]";

    private SparkContexts() {
    }

    public static SparkConf conf(String appName, String masterOption) {
        SparkConf conf = new SparkConf().setAppName(appName);
        if (masterOption != null && !masterOption.isBlank()) {
            conf.setMaster(masterOption);
        } else {
            conf.setIfMissing("spark.master", DEFAULT_MASTER);
        }
        return conf;
    }

    public static JavaSparkContext start(String appName, String masterOption) {
        SparkConf conf = conf(appName, masterOption);
        MasterReachability.check(conf.get("spark.master"));
        return new JavaSparkContext(conf);
    }
}
