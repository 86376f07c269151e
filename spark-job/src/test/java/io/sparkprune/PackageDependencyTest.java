package io.sparkprune;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package graph of both modules' main code, read from the sources: no package reaches back
 * to one that reaches it (no cycle), and the report needs a results table only, nothing of Spark.
 */
class PackageDependencyTest {
    private static final List<Path> SOURCES = List.of(Path.of("..", "common", "src", "main", "java"),
            Path.of("src", "main", "java"));
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\b((?:io\\.sparkprune|org\\.apache\\.spark)(?:\\.[a-z]\\w*)*)\\.[A-Z]");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    /** Package -> the packages its code names (imports and qualified names, comments left out). */
    private static Map<String, Set<String>> graph() {
        Map<String, Set<String>> g = new TreeMap<>();
        for (Path root : SOURCES) {
            try (var files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String code = COMMENT.matcher(Files.readString(f)).replaceAll("");
                    Matcher pkg = PACKAGE.matcher(code);
                    assertTrue(pkg.find(), f + " declares a package");
                    Set<String> uses = g.computeIfAbsent(pkg.group(1), k -> new TreeSet<>());
                    Matcher ref = REFERENCE.matcher(code.substring(pkg.end()));
                    while (ref.find()) {
                        if (!ref.group(1).equals(pkg.group(1))) {
                            uses.add(ref.group(1));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return g;
    }

    @Test
    void noPackageDependsOnOneThatDependsOnIt() {
        Map<String, Set<String>> g = graph();
        assertTrue(g.containsKey("io.sparkprune.pruning") && g.containsKey("io.sparkprune.spark.sweep"), g.toString());
        List<String> cycles = new ArrayList<>();
        for (String from : g.keySet()) {
            for (String to : g.get(from)) {
                if (g.containsKey(to) && from.compareTo(to) < 0 && reaches(g, to, from)) {
                    cycles.add(from + " <-> " + to);
                }
            }
        }
        assertEquals(List.of(), cycles);
    }

    @Test
    void theReportReadsAResultsTableWithoutSpark() {
        Set<String> report = graph().get("io.sparkprune.spark.report");
        assertFalse(report.stream().anyMatch(p -> p.startsWith("org.apache.spark")), report.toString());
        assertFalse(report.stream().anyMatch(p -> p.startsWith("io.sparkprune.spark.")), report.toString());
        assertTrue(report.contains("io.sparkprune.results"), report.toString());
    }

    private static boolean reaches(Map<String, Set<String>> g, String from, String target) {
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(List.of(from));
        while (!todo.isEmpty()) {
            String p = todo.remove(todo.size() - 1);
            if (p.equals(target)) {
                return true;
            }
            if (seen.add(p)) {
                todo.addAll(g.getOrDefault(p, Set.of()));
            }
        }
        return false;
    }
}
