package dev.retain.customers.web;

import dev.retain.customers.CustomerReviews;
import dev.retain.customers.Customers;
import dev.retain.customers.ProfileSection;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A customer flagged for review (created from an unknown sender) says so at the top of the customer page, with why;
 * whoever looked at them — a new customer, or a known one to merge — clears the flag.
 */
@Controller
class CustomerReviewOnProfile implements ProfileSection {

    private final CustomerReviews reviews;
    private final Customers customers;

    CustomerReviewOnProfile(CustomerReviews reviews, Customers customers) {
        this.reviews = reviews;
        this.customers = customers;
    }

    @Override
    public int order() {
        return 0;
    }

    @Override
    public String fragment() {
        return "customers/review :: review";
    }

    @Override
    public Map<String, Object> data(long customerId) {
        return reviews.of(customerId)
                .<Map<String, Object>>map(flag -> Map.of("flag", flag))
                .orElse(Map.of());
    }

    @PostMapping("/customers/{id}/review")
    @PreAuthorize(CustomerAccess.EDIT)
    String reviewed(@PathVariable long id, RedirectAttributes redirect) {
        // only a customer within the viewer's scope: anyone else's is not found, and its flag stays
        customers.find(id);
        reviews.clear(id);
        redirect.addFlashAttribute("message", "customers.review.cleared");
        return "redirect:/customers/" + id;
    }
}
