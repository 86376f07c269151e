package io.sparkprune.spark.sweep;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressLineTest {

    @Test
    void aShorterLineBlanksWhatIsLeftOfTheLongerOne() {
        assertEquals("\r2/5 done  ", ProgressLine.rewrite("2/5 done", 10));
        assertEquals("\r10/50 done", ProgressLine.rewrite("10/50 done", 8));
        assertEquals("\rfirst", ProgressLine.rewrite("first", 0));
    }
}
