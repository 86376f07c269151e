package io.sparkprune.model.pool;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.sparkprune.model.conv.DnnlArrays.contiguous;
import static io.sparkprune.model.conv.DnnlArrays.pointer;

/**
 * DL4J's subsampling runtime layer with max pooling on oneDNN ({@link DnnlMaxPooling}). DL4J's layer
 * calls its helper hook only in the backward pass, and a oneDNN backward pass needs the window maxima its
 * own training pass recorded, so both passes are overridden here. The maxima serve one backward pass of
 * the very input array the training pass saw ({@link #maximaOf}); inputs {@link PoolShape} does not take,
 * and backward passes without their training pass (a second one, one after an inference pass, another
 * input) run DL4J's code, whose results are the same.
 */
final class DnnlPoolingLayer extends SubsamplingLayer {
    /** Shapes kept: a training run sees the full batch and one last partial batch per epoch. */
    private static final int CACHED = 4;

    private final Map<PoolShape, DnnlMaxPooling> primitives = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PoolShape, DnnlMaxPooling> eldest) {
            return size() > CACHED;
        }
    };

    /** The input whose window maxima the last training pass recorded, until a backward or inference pass. */
    private INDArray maximaOf;
    /** Passes computed here (not handed to DL4J's code): tests check they move. */
    long trainingPasses;
    long inferencePasses;
    long backwardPasses;

    DnnlPoolingLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        PoolShape shape = PoolShape.of(input, layerConf());
        if (shape == null) {
            return super.activate(training, workspaceMgr);
        }
        INDArray x = contiguous(input);
        INDArray y = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, shape.outputShape(), 'c');
        DnnlMaxPooling pool = primitives.computeIfAbsent(shape, DnnlMaxPooling::new);
        if (training) {
            pool.train(pointer(x), pointer(y));
            maximaOf = input;
            trainingPasses++;
        } else {
            pool.infer(pointer(x), pointer(y));
            maximaOf = null;
            inferencePasses++;
        }
        return y;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        boolean recorded = maximaOf != null && maximaOf == input;
        maximaOf = null;
        PoolShape shape = recorded ? PoolShape.of(input, layerConf()) : null;
        DnnlMaxPooling pool = shape == null ? null : primitives.get(shape);
        if (pool == null || epsilon.dataType() != DataType.FLOAT || !Arrays.equals(epsilon.shape(), shape.outputShape())) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
        pool.backward(pointer(contiguous(epsilon)), pointer(dx));
        backwardPasses++;
        return new Pair<>(new DefaultGradient(), dx); // no parameters, so no gradients
    }
}
