package dev.retain.predict.web;

import dev.retain.platform.ViewerScope;
import dev.retain.predict.CompanionGaps;
import dev.retain.predict.NightlyProductAssociations;
import dev.retain.predict.ProductAssociations;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The recommendations pages: the rules with the customers missing each companion, a recompute on demand, and the
 * list of customers missing a product's companion.
 */
@Controller
class RecommendationPageController {

    private static final int RULES_SHOWN = 200;
    private static final int GAPS_PER_PAGE = 50;

    private final ProductAssociations associations;
    private final NightlyProductAssociations recompute;
    private final CompanionGaps gaps;

    RecommendationPageController(
            ProductAssociations associations, NightlyProductAssociations recompute, CompanionGaps gaps) {
        this.associations = associations;
        this.recompute = recompute;
        this.gaps = gaps;
    }

    @GetMapping("/recommendations")
    String rules(@RequestParam(required = false) String product, Model model) {
        String sku = product == null || product.isBlank() ? null : product.trim();
        model.addAttribute("product", sku);
        model.addAttribute("rules", associations.rules(sku, RULES_SHOWN));
        model.addAttribute("run", associations.lastRun().orElse(null));
        model.addAttribute("thresholds", associations.configuredThresholds());
        return "predict/recommendations";
    }

    @PostMapping("/recommendations/run")
    @PreAuthorize(RecommendationApiController.WRITERS)
    String run(RedirectAttributes redirect) {
        ViewerScope.EVERYTHING.within(recompute::run);
        redirect.addFlashAttribute("message", "recommendations.recomputed");
        return "redirect:/recommendations";
    }

    @GetMapping("/recommendations/gaps")
    String gaps(
            @RequestParam(required = false) String product,
            @RequestParam(required = false) String companion,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        String productSku = product == null || product.isBlank() ? null : product;
        String companionSku = companion == null || companion.isBlank() ? null : companion;
        model.addAttribute("product", productSku);
        model.addAttribute("companion", companionSku);
        model.addAttribute(
                "rule",
                productSku == null
                        ? null
                        : associations.rules(productSku, RULES_SHOWN).stream()
                                .filter(rule -> companionSku == null
                                        || rule.consequentSku().equals(companionSku))
                                .findFirst()
                                .orElse(null));
        model.addAttribute("gaps", gaps.customersMissing(productSku, companionSku, Math.max(page, 0), GAPS_PER_PAGE));
        model.addAttribute(
                "pagerQuery",
                (productSku == null ? "" : "product=" + encode(productSku))
                        + (companionSku == null ? "" : "&companion=" + encode(companionSku)));
        return "predict/gaps";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
