package io.sparkprune.pruning;

import io.sparkprune.prunable.NetworkTopology;
import io.sparkprune.prunable.PrunableLayer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import io.sparkprune.regularization.GroupPenalty;
import io.sparkprune.regularization.LayerShape;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the physically smaller network: a fresh configuration with the reduced nOut/nIn (and
 * flatten preprocessor), then every kept parameter copied across. Removed units' constant output
 * is folded into the consumer's bias, so the result computes what the original computes with
 * those units' weights zeroed.
 */
final class NetworkSurgery {
    private NetworkSurgery() {
    }

    /**
     * @param keep      kept unit indices (ascending) per prunable layer index
     * @param constants per prunable layer index, the constant each unit feeds its consumer
     */
    static MultiLayerNetwork apply(MultiLayerNetwork net, List<PrunableLayer> prunable, Map<Integer, int[]> keep,
                                   Map<Integer, double[]> constants) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations().clone();
        Map<Integer, int[]> keptOut = new HashMap<>();
        Map<Integer, PrunableLayer> producerOf = new HashMap<>();
        for (PrunableLayer p : prunable) {
            int[] kept = keep.get(p.index());
            keptOut.put(p.index(), kept);
            if (p.batchNorm() >= 0) {
                keptOut.put(p.batchNorm(), kept);
            }
            producerOf.put(p.consumer(), p);
            resize(conf, p, kept.length);
        }
        MultiLayerNetwork pruned = new MultiLayerNetwork(conf);
        pruned.init();
        for (int i = 0; i < net.getnLayers(); i++) {
            PrunableLayer producer = producerOf.get(i);
            int[] inRows = producer == null ? null : expand(keep.get(producer.index()), producer.spatial());
            for (Map.Entry<String, INDArray> e : net.getLayer(i).paramTable().entrySet()) {
                INDArray sliced = slice(e.getKey(), e.getValue(), keptOut.get(i), inRows,
                        NetworkTopology.layer(net, i) instanceof BatchNormalization);
                pruned.getLayer(i).setParam(e.getKey(), sliced);
            }
            if (producer != null) {
                foldRemovedUnits(net, pruned, producer, keep.get(producer.index()), keptOut.get(i),
                        constants.get(producer.index()));
            }
        }
        return pruned;
    }

    private static void resize(MultiLayerConfiguration conf, PrunableLayer p, int kept) {
        ((FeedForwardLayer) conf.getConf(p.index()).getLayer()).setNOut(kept);
        if (p.batchNorm() >= 0) {
            BatchNormalization bn = (BatchNormalization) conf.getConf(p.batchNorm()).getLayer();
            bn.setNIn(kept);
            bn.setNOut(kept);
            resizePenalties(bn);
        }
        ((FeedForwardLayer) conf.getConf(p.consumer()).getLayer()).setNIn((long) kept * p.spatial());
        resizePenalties((FeedForwardLayer) conf.getConf(p.index()).getLayer());
        resizePenalties((FeedForwardLayer) conf.getConf(p.consumer()).getLayer());
        if (conf.getInputPreProcess(p.consumer()) instanceof CnnToFeedForwardPreProcessor f) {
            conf.getInputPreProcessors().put(p.consumer(),
                    new CnnToFeedForwardPreProcessor(f.getInputHeight(), f.getInputWidth(), kept, f.getFormat()));
        }
    }

    /**
     * Group penalties know their layer's geometry: give them the new one, or fine-tuning would misread
     * W (or a batch norm's gamma).
     */
    private static void resizePenalties(FeedForwardLayer layer) {
        if (layer.getRegularization() == null) {
            return;
        }
        List<Regularization> resized = new ArrayList<>();
        for (Regularization r : layer.getRegularization()) {
            resized.add(r instanceof GroupPenalty g ? g.withShape(layer instanceof BatchNormalization
                    ? LayerShape.scales(layer.getNOut())
                    : new LayerShape(layer.getNOut(), layer.getNIn(), g.shape().spatial())) : r);
        }
        layer.setRegularization(resized);
    }

    /** One parameter with removed outputs (and removed inputs) left out. */
    private static INDArray slice(String key, INDArray param, int[] out, int[] inRows, boolean perChannel) {
        if (perChannel || key.equals("b")) { // bias, and batch norm's one value per channel
            if (out == null) {
                return param.dup();
            }
            INDArray v = flat(param).get(NDArrayIndex.indices(toLong(out)));
            return param.rank() == 2 ? v.reshape(1, out.length) : v.reshape(out.length);
        }
        if (param.rank() == 4) { // conv W [nOut, nIn, kH, kW]
            INDArray w = out == null ? param : param.get(NDArrayIndex.indices(toLong(out)), NDArrayIndex.all(),
                    NDArrayIndex.all(), NDArrayIndex.all());
            return inRows == null ? w.dup() : w.get(NDArrayIndex.all(), NDArrayIndex.indices(toLong(inRows)),
                    NDArrayIndex.all(), NDArrayIndex.all());
        }
        // dense W [nIn, nOut]
        INDArray w = out == null ? param : param.get(NDArrayIndex.all(), NDArrayIndex.indices(toLong(out)));
        return inRows == null ? w.dup() : w.get(NDArrayIndex.indices(toLong(inRows)), NDArrayIndex.all());
    }

    /** Adds each removed unit's constant times its weights into the consumer's bias. */
    private static void foldRemovedUnits(MultiLayerNetwork original, MultiLayerNetwork pruned, PrunableLayer p,
                                         int[] kept, int[] consumerKept, double[] constant) {
        INDArray w = original.getLayer(p.consumer()).getParam("W");
        INDArray bias = flat(pruned.getLayer(p.consumer()).getParam("b")).dup();
        boolean[] isKept = new boolean[p.units()];
        for (int k : kept) {
            isKept[k] = true;
        }
        for (int u = 0; u < p.units(); u++) {
            if (isKept[u] || constant[u] == 0) {
                continue;
            }
            INDArray perOutput = w.rank() == 4
                    ? w.get(NDArrayIndex.all(), NDArrayIndex.point(u), NDArrayIndex.all(), NDArrayIndex.all())
                    .reshape(w.size(0), w.size(2) * w.size(3)).sum(1)
                    : w.get(NDArrayIndex.interval((long) u * p.spatial(), (long) (u + 1) * p.spatial()), NDArrayIndex.all()).sum(0);
            INDArray contribution = perOutput.reshape(perOutput.length());
            if (consumerKept != null) { // the consumer lost outputs of its own
                contribution = contribution.get(NDArrayIndex.indices(toLong(consumerKept)));
            }
            bias.addi(contribution.mul(constant[u]));
        }
        pruned.getLayer(p.consumer()).setParam("b", bias.reshape(pruned.getLayer(p.consumer()).getParam("b").shape()));
    }

    private static int[] expand(int[] kept, int spatial) {
        int[] rows = new int[kept.length * spatial];
        for (int i = 0; i < kept.length; i++) {
            for (int q = 0; q < spatial; q++) {
                rows[i * spatial + q] = kept[i] * spatial + q;
            }
        }
        return rows;
    }

    private static INDArray flat(INDArray a) {
        return a.reshape(a.length());
    }

    private static long[] toLong(int[] a) {
        long[] r = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i];
        }
        return r;
    }
}
