package io.sparkprune.notebooks;

import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.Results;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Zeppelin's %spark paragraphs run through the Scala 2.12 REPL in this JVM, so they see the test's
 * SparkSession (SparkSession.active) and the project's classes, as in Zeppelin's Spark interpreter.
 */
final class ScalaParagraphs implements AutoCloseable {
    private final StringWriter output = new StringWriter();
    private final IMain repl;

    ScalaParagraphs() {
        Settings settings = new Settings();
        // Surefire starts tests from a manifest-only jar: the real class path is in this property.
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        settings.classpath().value_$eq(cp);
        settings.usejavacp().value_$eq(true);
        repl = new IMain(settings, new PrintWriter(output, true));
    }

    /** Interprets {@code code}; returns what it printed, or throws with the REPL's output on any error. */
    String run(String what, String code) {
        int start = output.getBuffer().length();
        Results.Result result = repl.interpret(code);
        String printed = output.getBuffer().substring(start);
        if (result != Results.Success$.MODULE$) {
            throw new AssertionError(what + " did not run (" + result + "):\n" + printed);
        }
        return printed;
    }

    @Override
    public void close() {
        repl.close();
    }
}
