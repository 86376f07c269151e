package io.sparkprune.regularization;

import io.sparkprune.config.RegularizerConfig;
import io.sparkprune.config.RegularizerGroup;
import io.sparkprune.config.RegularizerType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.ArrayList;
import java.util.List;

/** Test fixtures: every (type, grouping) the config accepts, and weights laid out as DL4J holds them. */
final class Variants {
    private Variants() {
    }

    record Variant(RegularizerType type, RegularizerGroup group) {
        RegularizerConfig config(double lambda, boolean dense) {
            return new RegularizerConfig(type, lambda, group, dense);
        }

        Regularization penalty(LayerShape shape, double lambda) {
            return WeightPenalties.forShape(config(lambda, true), shape).get(0);
        }

        @Override
        public String toString() {
            return type.configName() + "/" + group.configName();
        }
    }

    /** The pairs that can act on BN scales: input-channel groupings do not exist there. */
    static List<Variant> onScales() {
        return all().stream().filter(v -> v.group() == RegularizerGroup.FILTER || v.group() == RegularizerGroup.ELEMENT)
                .toList();
    }

    /** Every penalised (type, grouping) pair, none excluded. */
    static List<Variant> all() {
        List<Variant> out = new ArrayList<>();
        for (RegularizerType t : RegularizerType.values()) {
            if (t != RegularizerType.NONE) {
                for (RegularizerGroup g : t.allowedGroups()) {
                    out.add(new Variant(t, g));
                }
            }
        }
        return out;
    }

    /** A layer's weights: the flat [1,N] parameter slice and the shaped tensor viewing the same memory. */
    record Weights(String kind, LayerShape shape, INDArray flat, INDArray shaped) {
        static Weights conv(long nOut, long nIn, long k, DataType dt) {
            INDArray flat = Nd4j.zeros(dt, 1, nOut * nIn * k * k);
            return new Weights("conv", LayerShape.conv(nOut, nIn, k, k), flat, flat.reshape('c', nOut, nIn, k, k));
        }

        static Weights dense(long nIn, long nOut, DataType dt) {
            INDArray flat = Nd4j.zeros(dt, 1, nIn * nOut);
            return new Weights("dense", LayerShape.dense(nIn, nOut), flat, flat.reshape('f', nIn, nOut));
        }

        /** A batch norm's gamma as DL4J holds it: [1, channels], the same array for apply and score. */
        static Weights scales(long channels, DataType dt) {
            INDArray flat = Nd4j.zeros(dt, 1, channels);
            return new Weights("bn-scale", LayerShape.scales(channels), flat, flat);
        }

        /** Fills with seeded values whose magnitude is at least {@code floor} (keeps l1 off its kink). */
        Weights fill(long seed, double floor) {
            Nd4j.getRandom().setSeed(seed);
            INDArray r = Nd4j.randn(flat.dataType(), flat.shape());
            for (long i = 0; i < r.length(); i++) {
                double v = r.getDouble(i);
                r.putScalar(i, Math.copySign(floor + Math.abs(v), v));
            }
            flat.assign(r);
            return this;
        }

        INDArray gradient(Regularization reg) {
            INDArray g = flat.ulike().assign(0);
            reg.apply(flat, g, 1.0, 0, 0);
            return g;
        }

        double score(Regularization reg) {
            return reg.score(shaped, 0, 0);
        }
    }
}
