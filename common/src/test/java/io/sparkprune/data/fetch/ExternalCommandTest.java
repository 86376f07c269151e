package io.sparkprune.data.fetch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExternalCommandTest {
    @TempDir
    Path dir;

    @Test
    void returnsStdout() {
        assertEquals("hello\n", ExternalCommand.run(dir, "", "sh", "-c", "echo hello; echo noise >&2"));
    }

    @Test
    void failureNamesCommandExitCodeStderrTailAndHint() {
        DataFetchException e = assertThrows(DataFetchException.class, () -> ExternalCommand.run(dir,
                "try again later", "sh", "-c", "echo 'npm ERR! 404 Not Found' >&2; exit 3"));
        for (String part : new String[] {"sh -c", "exit code 3", "npm ERR! 404 Not Found", "try again later"}) {
            assertTrue(e.getMessage().contains(part), "says '" + part + "': " + e.getMessage());
        }
    }

    @Test
    void missingProgramIsReported() {
        DataFetchException e = assertThrows(DataFetchException.class,
                () -> ExternalCommand.run(dir, "install it", "no-such-program-sparkprune"));
        assertTrue(e.getMessage().contains("cannot run `no-such-program-sparkprune`"), e.getMessage());
        assertTrue(e.getMessage().contains("install it"), e.getMessage());
    }
}
