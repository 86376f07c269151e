package io.sparkprune.provenance;

import io.sparkprune.io.RunDirectory;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a run's results came from, written as {@code OUT/run.json} by {@code train}, {@code sweep}
 * and {@code prune}: the code (sparkprune version and git commit, DL4J, Java; Spark and its master
 * when a Spark job ran it), the full config, the command line, and when it started and finished.
 * A resumed run keeps the record of the run it continues as {@code previous}, so results trained
 * by several invocations name them all. Read back by {@link #fromJson}, which ignores fields it
 * does not know: records written by later versions stay readable.
 */
public record RunRecord(String command, String sparkpruneVersion, String gitCommit, String dl4jVersion,
                        String javaVersion, String sparkVersion, String sparkMaster, Map<String, Object> config,
                        List<String> commandLine, Instant started, Instant finished, RunRecord previous) {
    public static final String FILE = "run.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public RunRecord {
        config = config == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config));
        commandLine = commandLine == null ? List.of() : List.copyOf(commandLine);
    }

    /** A run of {@code command} starting now in this JVM; Spark fields are empty until {@link #onSpark}. */
    public static RunRecord startingNow(String command, Map<String, Object> config, List<String> commandLine) {
        BuildInfo build = BuildInfo.current();
        return new RunRecord(command, build.version(), build.gitCommit(), build.dl4jVersion(),
                System.getProperty("java.version"), null, null, config, commandLine, Instant.now(), null, null);
    }

    /** This record, run by Spark {@code version} under {@code master}. */
    public RunRecord onSpark(String version, String master) {
        return new RunRecord(command, sparkpruneVersion, gitCommit, dl4jVersion, javaVersion, version, master, config,
                commandLine, started, finished, previous);
    }

    /**
     * Writes this record as started into {@code out}; when {@code resume}, the record found there
     * becomes {@link #previous()}. Returns what was written (finish it with {@link #writeFinished}).
     */
    public RunRecord writeStarted(RunDirectory out, boolean resume) {
        RunRecord before = resume ? readFrom(out).orElse(null) : null;
        RunRecord started = new RunRecord(command, sparkpruneVersion, gitCommit, dl4jVersion, javaVersion,
                sparkVersion, sparkMaster, config, commandLine, this.started, null, before);
        out.writeText(FILE, started.toJson());
        return started;
    }

    /** Writes this record, finished now, into {@code out}. */
    public RunRecord writeFinished(RunDirectory out) {
        RunRecord done = new RunRecord(command, sparkpruneVersion, gitCommit, dl4jVersion, javaVersion, sparkVersion,
                sparkMaster, config, commandLine, started, Instant.now(), previous);
        out.writeText(FILE, done.toJson());
        return done;
    }

    /** The record in {@code out}, if it holds one. */
    public static Optional<RunRecord> readFrom(RunDirectory out) {
        return out.exists(FILE) ? Optional.of(fromJson(out.readText(FILE))) : Optional.empty();
    }

    public String toJson() {
        try {
            return JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run record is plain maps, lists and strings", e);
        }
    }

    /** Reads a record, ignoring fields this version does not know; a field it lacks reads null. */
    public static RunRecord fromJson(String json) {
        try {
            return fromNode(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a sparkprune run record: " + e.getOriginalMessage(), e);
        }
    }

    private Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", command);
        m.put("sparkprune_version", sparkpruneVersion);
        m.put("git_commit", gitCommit);
        m.put("dl4j_version", dl4jVersion);
        m.put("java_version", javaVersion);
        m.put("spark_version", sparkVersion);
        m.put("spark_master", sparkMaster);
        m.put("config", config);
        m.put("command_line", commandLine);
        m.put("started", started == null ? null : started.toString());
        m.put("finished", finished == null ? null : finished.toString());
        m.put("previous", previous == null ? null : previous.toMap());
        return m;
    }

    private static RunRecord fromNode(JsonNode n) {
        JsonNode previous = n.get("previous");
        return new RunRecord(text(n, "command"), text(n, "sparkprune_version"), text(n, "git_commit"),
                text(n, "dl4j_version"), text(n, "java_version"), text(n, "spark_version"), text(n, "spark_master"),
                n.hasNonNull("config") ? JSON.convertValue(n.get("config"), new TypeReference<Map<String, Object>>() { })
                        : null,
                n.hasNonNull("command_line") ? JSON.convertValue(n.get("command_line"), new TypeReference<List<String>>() { })
                        : null,
                instant(n, "started"), instant(n, "finished"),
                previous == null || previous.isNull() ? null : fromNode(previous));
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static Instant instant(JsonNode n, String field) {
        return n.hasNonNull(field) ? Instant.parse(n.get(field).asText()) : null;
    }
}
