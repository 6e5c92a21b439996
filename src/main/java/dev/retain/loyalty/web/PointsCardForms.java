package dev.retain.loyalty.web;

import dev.retain.loyalty.NotEnoughPointsException;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The forms of the customer page's points card (adjust, redeem, a gift sent or cancelled): each does its action and
 * goes back to the card, which shows the problem when the action was refused.
 */
final class PointsCardForms {

    private PointsCardForms() {}

    static String backToCard(long customerId, RedirectAttributes redirect, Runnable action) {
        try {
            action.run();
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute(
                    "pointsProblem", String.join("; ", e.fieldErrors().values()));
        } catch (NotEnoughPointsException | ConflictException | NotFoundException e) {
            redirect.addFlashAttribute("pointsProblem", e.getMessage());
        }
        return "redirect:/customers/" + customerId + "#points";
    }

    /** Points typed in the form, or a problem of the field {@code points}. */
    static long points(String typed) {
        try {
            return Long.parseLong(typed.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("points", "'" + typed + "' is not a whole number of points");
        }
    }
}
