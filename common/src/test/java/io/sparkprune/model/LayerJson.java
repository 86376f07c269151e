package io.sparkprune.model;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** What a layer configuration writes to DL4J's JSON: layers that swap DL4J's runtime must add no field. */
public final class LayerJson {
    private LayerJson() {
    }

    /** The sorted JSON field names of layer {@code index}'s configuration, without its class name. */
    public static List<String> fieldNames(MultiLayerNetwork net, int index) throws Exception {
        JsonNode layer = new ObjectMapper().readTree(net.getLayerWiseConfigurations().toJson())
                .get("confs").get(index).get("layer");
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = layer.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        names.remove("@class");
        names.sort(null);
        return names;
    }
}
