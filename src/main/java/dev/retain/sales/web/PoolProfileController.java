package dev.retain.sales.web;

import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.sales.PoolClaims;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Claiming, releasing and locking from the customer page; what went wrong is shown in the pool section. */
@Controller
class PoolProfileController {

    private final PoolClaims claims;

    PoolProfileController(PoolClaims claims) {
        this.claims = claims;
    }

    @PostMapping("/customers/{customerId}/pool/claim")
    @PreAuthorize(PoolApiController.POOL_USERS)
    String claim(@PathVariable long customerId, RedirectAttributes redirect) {
        return act(customerId, redirect, "pools.claimed", () -> claims.claim(customerId));
    }

    @PostMapping("/customers/{customerId}/pool/release")
    @PreAuthorize(PoolApiController.POOL_USERS)
    String release(
            @PathVariable long customerId,
            @RequestParam(required = false) Long poolId,
            @RequestParam(defaultValue = "") String reason,
            RedirectAttributes redirect) {
        String back =
                act(customerId, redirect, "pools.released", () -> claims.release(List.of(customerId), poolId, reason));
        // Once released, the customer may be out of the releaser's sight: back to the pools rather than a "not found".
        return redirect.getFlashAttributes().containsKey("poolError") ? back : "redirect:/sales/pools";
    }

    @PostMapping("/customers/{customerId}/pool/lock")
    @PreAuthorize(PoolApiController.LEADERS)
    String lock(
            @PathVariable long customerId,
            @RequestParam(defaultValue = "") String reason,
            RedirectAttributes redirect) {
        return act(customerId, redirect, "pools.locked", () -> claims.lock(customerId, reason));
    }

    @PostMapping("/customers/{customerId}/pool/unlock")
    @PreAuthorize(PoolApiController.LEADERS)
    String unlock(@PathVariable long customerId, RedirectAttributes redirect) {
        return act(customerId, redirect, "pools.unlocked", () -> claims.unlock(customerId));
    }

    private static String act(long customerId, RedirectAttributes redirect, String done, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("message", done);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute(
                    "poolError", String.join("; ", e.fieldErrors().values()));
        } catch (ConflictException | AccessDeniedException e) {
            redirect.addFlashAttribute("poolError", e.getMessage());
        }
        return "redirect:/customers/" + customerId;
    }
}
