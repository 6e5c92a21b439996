package dev.retain.predict;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The BG/NBD log-likelihood of many customers, made to be evaluated a few hundred times by the optimiser: customers
 * with the same history are counted together, the histories sit in flat arrays, the terms that depend only on the
 * number of repeat purchases are computed once per number, and the sum runs on every core.
 */
final class BgNbdLikelihood {

    private final int[] frequency;
    private final double[] recency;
    private final double[] age;
    private final double[] weight;
    private final int maxFrequency;

    BgNbdLikelihood(List<BgNbd.History> histories) {
        Map<BgNbd.History, Integer> counts = new HashMap<>();
        for (BgNbd.History history : histories) {
            counts.merge(history, 1, Integer::sum);
        }
        int n = counts.size();
        frequency = new int[n];
        recency = new double[n];
        age = new double[n];
        weight = new double[n];
        int i = 0;
        int max = 0;
        for (Map.Entry<BgNbd.History, Integer> group : counts.entrySet()) {
            frequency[i] = group.getKey().frequency();
            recency[i] = group.getKey().recency();
            age[i] = group.getKey().age();
            weight[i] = group.getValue();
            max = Math.max(max, frequency[i]);
            i++;
        }
        maxFrequency = max;
    }

    double of(BgNbd model) {
        // per number of repeat purchases x: log Γ(r+x)/Γ(r) + log B(a, b+x)/B(a, b), and log a/(b+x−1)
        double[] ratios = new double[maxFrequency + 1];
        double[] dropOut = new double[maxFrequency + 1];
        for (int x = 1; x <= maxFrequency; x++) {
            int k = x - 1;
            ratios[x] = ratios[x - 1]
                    + Math.log(model.r() + k)
                    + Math.log(model.b() + k)
                    - Math.log(model.a() + model.b() + k);
            dropOut[x] = Math.log(model.a()) - Math.log(model.b() + x - 1);
        }
        return MaximumLikelihood.sum(frequency.length, i -> {
            int x = frequency[i];
            return weight[i] * model.logLikelihood(x, recency[i], age[i], ratios[x], x == 0 ? 0 : dropOut[x]);
        });
    }
}
