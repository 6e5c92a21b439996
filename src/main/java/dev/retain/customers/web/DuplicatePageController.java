package dev.retain.customers.web;

import dev.retain.customers.CustomerMerges;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The review queue of possible duplicates, and merging and unmerging from the customer page. */
@Controller
class DuplicatePageController {

    private final CustomerMerges merges;

    DuplicatePageController(CustomerMerges merges) {
        this.merges = merges;
    }

    @GetMapping("/customers/duplicates")
    String queue(Model model) {
        model.addAttribute("candidates", merges.openCandidates(100));
        return "customers/duplicates";
    }

    @PostMapping("/customers/duplicates/{candidateId}/dismiss")
    @PreAuthorize(CustomerAccess.EDIT)
    String dismiss(@PathVariable long candidateId) {
        merges.dismiss(candidateId);
        return "redirect:/customers/duplicates";
    }

    @PostMapping("/customers/{survivorId}/merge")
    @PreAuthorize(CustomerAccess.DELETE)
    String merge(
            @PathVariable long survivorId,
            @RequestParam long mergedId,
            @RequestParam(defaultValue = "") String back,
            RedirectAttributes redirect) {
        try {
            merges.merge(survivorId, mergedId);
            redirect.addFlashAttribute("message", "customers.merged");
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute(
                    "mergeError",
                    e instanceof InvalidInputException invalid
                            ? String.join("; ", invalid.fieldErrors().values())
                            : e.getMessage());
        }
        return back.equals("queue") ? "redirect:/customers/duplicates" : "redirect:/customers/" + survivorId;
    }

    @PostMapping("/merges/{mergeId}/undo")
    @PreAuthorize(CustomerAccess.DELETE)
    String unmerge(@PathVariable long mergeId, RedirectAttributes redirect) {
        var merge = merges.unmerge(mergeId);
        redirect.addFlashAttribute("message", "customers.unmerged");
        return "redirect:/customers/" + merge.survivorId();
    }
}
