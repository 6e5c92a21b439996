package dev.retain.predict.web;

import dev.retain.customers.Customers;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.PageOf;
import dev.retain.platform.ViewerScope;
import dev.retain.predict.AssociationRun;
import dev.retain.predict.CompanionGaps;
import dev.retain.predict.NextBestProducts;
import dev.retain.predict.NightlyProductAssociations;
import dev.retain.predict.ProductAssociation;
import dev.retain.predict.ProductAssociations;
import dev.retain.predict.Recommendation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/recommendations}: the association rules, a recompute now, the customers missing a product's usual
 * companion; and {@code /api/v1/customers/{id}/recommendations}, a customer's next-best products.
 */
@RestController
@Tag(name = "Prediction")
class RecommendationApiController {

    /** Who may recompute: as for the segments' recompute. */
    static final String WRITERS = "hasAnyRole('ADMIN', 'MANAGER', 'MARKETER')";

    private final ProductAssociations associations;
    private final NightlyProductAssociations recompute;
    private final CompanionGaps gaps;
    private final NextBestProducts nextBest;
    private final Customers customers;

    RecommendationApiController(
            ProductAssociations associations,
            NightlyProductAssociations recompute,
            CompanionGaps gaps,
            NextBestProducts nextBest,
            Customers customers) {
        this.associations = associations;
        this.recompute = recompute;
        this.gaps = gaps;
        this.nextBest = nextBest;
        this.customers = customers;
    }

    /** The rules, strongest first; only those from {@code product} (a SKU) when given. */
    @GetMapping("/api/v1/recommendations/associations")
    List<ProductAssociation> associations(
            @RequestParam(required = false) String product, @RequestParam(defaultValue = "100") int limit) {
        return associations.rules(product, clamp(limit));
    }

    /** Recomputes every rule now with the configured thresholds, as the nightly run does. */
    @PostMapping("/api/v1/recommendations/runs")
    @PreAuthorize(WRITERS)
    AssociationRun run() {
        return ViewerScope.EVERYTHING.within(recompute::run);
    }

    @GetMapping("/api/v1/recommendations/runs/latest")
    AssociationRun lastRun() {
        return associations.lastRun().orElseThrow(() -> new NotFoundException("recommendations run", "latest"));
    }

    /** Customers who bought {@code product} (any product with a rule when absent) but not its companion. */
    @GetMapping("/api/v1/recommendations/gaps")
    PageOf<CompanionGaps.CustomerGap> gaps(
            @RequestParam(required = false) String product,
            @RequestParam(required = false) String companion,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return gaps.customersMissing(product, companion, Math.max(page, 0), clamp(size));
    }

    @GetMapping("/api/v1/customers/{id}/recommendations")
    List<Recommendation> ofCustomer(@PathVariable long id, @RequestParam(defaultValue = "5") int limit) {
        customers.find(id);
        return nextBest.forCustomer(id, clamp(limit));
    }

    private static int clamp(int limit) {
        return Math.min(Math.max(limit, 1), 1000);
    }
}
