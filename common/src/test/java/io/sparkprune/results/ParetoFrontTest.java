package io.sparkprune.results;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ParetoFrontTest {
    @Test
    void paretoFrontKeepsOnlyUnbeatenModels() {
        record M(double size, double acc) {
        }
        List<M> models = List.of(new M(10, 0.5), new M(20, 0.9), new M(15, 0.4), new M(30, 0.8), new M(20, 0.95),
                new M(40, 0.99));
        assertEquals(List.of(new M(10, 0.5), new M(20, 0.95), new M(40, 0.99)),
                ParetoFront.of(models, M::size, M::acc));
    }
}
