package io.sparkprune.spark;

import io.sparkprune.provenance.RunRecord;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.List;
import java.util.Map;

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

    /** The run record of a Spark job starting now: the common facts plus Spark's version and master. */
    public static RunRecord runRecord(JavaSparkContext sc, String command, Map<String, Object> config,
                                      List<String> commandLine) {
        return RunRecord.startingNow(command, config, commandLine).onSpark(sc.version(), sc.master());
    }

    public static JavaSparkContext start(String appName, String masterOption) {
        SparkConf conf = conf(appName, masterOption);
        MasterReachability.check(conf.get("spark.master"));
        return new JavaSparkContext(conf);
    }
}
