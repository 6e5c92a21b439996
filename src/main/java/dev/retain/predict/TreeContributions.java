package dev.retain.predict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Per-customer feature contributions of a tree ensemble by following each customer's path (Saabas; XGBoost's own
 * {@code approx_contribs}): at every split, the change in the expected value from the node to the child taken is
 * credited to the split's feature. The contributions add up, with the ensemble's mean, to the customer's margin. It
 * costs a walk down each tree, where exact SHAP values cost far more, and it ranks the reasons alike.
 */
final class TreeContributions {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One tree, flat: per node its split feature (−1 for a leaf), threshold, children and expected value. */
    private record Tree(int[] feature, float[] threshold, int[] yes, int[] no, int[] missing, double[] value) {}

    private final List<Tree> trees;

    private TreeContributions(List<Tree> trees) {
        this.trees = trees;
    }

    /** From XGBoost's JSON dump with statistics ({@code getModelDump("", true, "json")}), features named f0, f1, … */
    static TreeContributions of(String[] jsonTrees) {
        var trees = new ArrayList<Tree>();
        for (String text : jsonTrees) {
            Map<Integer, JsonNode> nodes = new HashMap<>();
            collect(JSON.readTree(text), nodes);
            int size = nodes.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
            var tree = new Tree(
                    new int[size], new float[size], new int[size], new int[size], new int[size], new double[size]);
            for (var entry : nodes.entrySet()) {
                int id = entry.getKey();
                JsonNode node = entry.getValue();
                if (node.has("leaf")) {
                    tree.feature()[id] = -1;
                } else {
                    tree.feature()[id] =
                            Integer.parseInt(node.get("split").asString().substring(1));
                    tree.threshold()[id] = (float) node.get("split_condition").asDouble();
                    tree.yes()[id] = node.get("yes").asInt();
                    tree.no()[id] = node.get("no").asInt();
                    tree.missing()[id] = node.get("missing").asInt();
                }
            }
            expectedValue(0, nodes, tree);
            trees.add(tree);
        }
        return new TreeContributions(trees);
    }

    private static void collect(JsonNode node, Map<Integer, JsonNode> nodes) {
        nodes.put(node.get("nodeid").asInt(), node);
        for (JsonNode child : node.path("children")) {
            collect(child, nodes);
        }
    }

    /** A leaf's value, or the cover-weighted mean of the children's: what the tree expects of those who reach it. */
    private static double expectedValue(int id, Map<Integer, JsonNode> nodes, Tree tree) {
        JsonNode node = nodes.get(id);
        double value;
        if (tree.feature()[id] < 0) {
            value = node.get("leaf").asDouble();
        } else {
            int yes = tree.yes()[id];
            int no = tree.no()[id];
            double yesCover = nodes.get(yes).get("cover").asDouble();
            double noCover = nodes.get(no).get("cover").asDouble();
            value = (expectedValue(yes, nodes, tree) * yesCover + expectedValue(no, nodes, tree) * noCover)
                    / (yesCover + noCover);
        }
        tree.value()[id] = value;
        return value;
    }

    /** Per row, per feature: the contributions to the margin (log-odds). */
    float[][] of(FeatureTable table) {
        float[][] contributions = new float[table.rows()][FeatureTable.COLUMNS];
        for (int row = 0; row < table.rows(); row++) {
            int offset = row * FeatureTable.COLUMNS;
            for (Tree tree : trees) {
                int node = 0;
                while (tree.feature()[node] >= 0) {
                    float x = table.values()[offset + tree.feature()[node]];
                    int next = Float.isNaN(x)
                            ? tree.missing()[node]
                            : x < tree.threshold()[node] ? tree.yes()[node] : tree.no()[node];
                    contributions[row][tree.feature()[node]] += (float) (tree.value()[next] - tree.value()[node]);
                    node = next;
                }
            }
        }
        return contributions;
    }
}
