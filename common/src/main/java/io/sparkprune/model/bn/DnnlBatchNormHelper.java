package io.sparkprune.model.bn;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.sparkprune.model.conv.DnnlArrays.contiguous;
import static io.sparkprune.model.conv.DnnlArrays.plainC;
import static io.sparkprune.model.conv.DnnlArrays.pointer;

/**
 * Batch normalization of NCHW float activations on oneDNN ({@link DnnlBatchNorm}), plugged into
 * DL4J's {@code BatchNormalization} layer through its helper hook. DL4J's layer still owns the
 * running statistics: after each backward pass it moves them by {@code (1 - decay)} towards the
 * batch mean and (biased) variance this helper reports through {@link #getMeanCache} /
 * {@link #getVarCache}, in whichever form the layer stores them (variance or log10 std). Primitives
 * are built per activation shape on first use and cached; the helper lives in the layer's runtime,
 * never in its configuration. DL4J hands dense (rank-2) inputs over as [N, C, 1, 1]; NHWC, doubles and
 * fixed gamma/beta get null, which hands them back to DL4J's own code.
 */
final class DnnlBatchNormHelper implements BatchNormalizationHelper {
    /** Shapes kept: a training run sees the full batch and one last partial batch per epoch. */
    private static final int CACHED = 4;

    private final Map<List<Long>, DnnlBatchNorm> primitives = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Long>, DnnlBatchNorm> eldest) {
            return size() > CACHED;
        }
    };

    /** The last training batch's per-channel mean and variance: outside workspaces, they outlive the pass. */
    private INDArray batchMean;
    private INDArray batchVar;

    /** Passes computed here (not handed back to DL4J's code): tests check they move. */
    long trainingPasses;
    long inferencePasses;
    long backwardPasses;

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public boolean checkSupported(double eps, boolean fixedGammaBeta) {
        return !fixedGammaBeta;
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Collections.emptyMap();
    }

    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
                              INDArray mean, INDArray var, double decay, double eps, CNN2DFormat format,
                              LayerWorkspaceMgr workspaceMgr) {
        if (!supported(x, gamma, beta, format)) {
            return null;
        }
        INDArray in = contiguous(x);
        INDArray y = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, x.shape(), 'c');
        DnnlBatchNorm bn = primitives(x, eps);
        if (training) {
            keepStatistics(x.size(1));
            bn.train(pointer(in), pointer(contiguous(gamma)), pointer(contiguous(beta)), pointer(y),
                    pointer(batchMean), pointer(batchVar));
            trainingPasses++;
        } else {
            bn.infer(pointer(in), pointer(contiguous(gamma)), pointer(contiguous(beta)), pointer(contiguous(mean)),
                    pointer(contiguous(var)), pointer(y));
            inferencePasses++;
        }
        return y;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
                                                     INDArray beta, INDArray dGammaView, INDArray dBetaView,
                                                     double eps, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (!supported(input, gamma, beta, format) || epsilon.dataType() != DataType.FLOAT || batchMean == null
                || batchMean.length() != input.size(1)) {
            return null;
        }
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
        INDArray dGamma = contiguous(dGammaView);
        INDArray dBeta = contiguous(dBetaView);
        primitives(input, eps).backward(pointer(contiguous(input)), pointer(contiguous(epsilon)),
                pointer(contiguous(gamma)), pointer(contiguous(beta)), pointer(batchMean), pointer(batchVar),
                pointer(dx), pointer(dGamma), pointer(dBeta));
        if (dGamma != dGammaView) {
            dGammaView.assign(dGamma);
        }
        if (dBeta != dBetaView) {
            dBetaView.assign(dBeta);
        }
        backwardPasses++;

        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        return new Pair<>(gradient, dx);
    }

    /** The last training batch's mean per channel (DL4J's layer reads it to move its running mean). */
    @Override
    public INDArray getMeanCache(DataType dataType) {
        return batchMean.castTo(dataType);
    }

    /** The last training batch's biased variance per channel, without eps (read for the running variance). */
    @Override
    public INDArray getVarCache(DataType dataType) {
        return batchVar.castTo(dataType);
    }

    /** The last training batch's mean per channel, float, C order. */
    INDArray batchMean() {
        return batchMean;
    }

    /** The last training batch's biased variance per channel, float, C order. */
    INDArray batchVar() {
        return batchVar;
    }

    private DnnlBatchNorm primitives(INDArray x, double eps) {
        return primitives.computeIfAbsent(List.of(x.size(0), x.size(1), x.size(2), x.size(3), Double.doubleToLongBits(eps)),
                k -> new DnnlBatchNorm(k.get(0), k.get(1), k.get(2), k.get(3), eps));
    }

    private void keepStatistics(long channels) {
        if (batchMean == null || batchMean.length() != channels) {
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                batchMean = Nd4j.createUninitialized(DataType.FLOAT, channels);
                batchVar = Nd4j.createUninitialized(DataType.FLOAT, channels);
            }
        }
    }

    private static boolean supported(INDArray x, INDArray gamma, INDArray beta, CNN2DFormat format) {
        return x.rank() == 4 && format == CNN2DFormat.NCHW && x.dataType() == DataType.FLOAT && gamma != null
                && beta != null && plainC(gamma) && plainC(beta);
    }
}
