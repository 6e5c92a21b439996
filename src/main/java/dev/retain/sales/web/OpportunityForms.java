package dev.retain.sales.web;

import dev.retain.sales.OpportunityLine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** The product lines of an opportunity as a page's form sends them: parallel fields, blank rows left out. */
final class OpportunityForms {

    private OpportunityForms() {}

    static List<OpportunityLine> lines(
            List<String> skus, List<String> names, List<Integer> quantities, List<BigDecimal> prices) {
        List<OpportunityLine> lines = new ArrayList<>();
        int rows = Math.max(Math.max(size(skus), size(names)), Math.max(size(quantities), size(prices)));
        for (int i = 0; i < rows; i++) {
            String sku = at(skus, i);
            String name = at(names, i);
            Integer quantity = at(quantities, i);
            BigDecimal price = at(prices, i);
            boolean blank = (sku == null || sku.isBlank()) && (name == null || name.isBlank()) && price == null;
            if (!blank) {
                lines.add(new OpportunityLine(sku, name, quantity == null ? 1 : quantity, price));
            }
        }
        return lines;
    }

    private static int size(List<?> values) {
        return values == null ? 0 : values.size();
    }

    private static <T> T at(List<T> values, int i) {
        return values == null || i >= values.size() ? null : values.get(i);
    }
}
