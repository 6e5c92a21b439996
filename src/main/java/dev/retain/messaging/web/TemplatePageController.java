package dev.retain.messaging.web;

import dev.retain.messaging.Channel;
import dev.retain.messaging.MessageTemplate;
import dev.retain.messaging.Templates;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.SecurityHeaders;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The template pages: the list, the editor, and the editor's live preview for a chosen customer. */
@Controller
class TemplatePageController {

    private final Templates templates;

    TemplatePageController(Templates templates) {
        this.templates = templates;
    }

    /** The editor previews the email in a frame, which inherits the page's policy: let its own styles show. */
    @ModelAttribute
    void showEmailDocuments(HttpServletResponse response) {
        SecurityHeaders.showEmailDocuments(response);
    }

    @GetMapping("/messages")
    String home() {
        return "redirect:/messages/templates";
    }

    @GetMapping("/messages/templates")
    String list(Model model) {
        model.addAttribute("templates", templates.list());
        return "messaging/templates";
    }

    @GetMapping("/messages/templates/new")
    String create(@RequestParam(required = false) Channel channel, Model model) {
        return editor(null, TemplateForm.blank(channel), Map.of(), model);
    }

    @GetMapping("/messages/templates/{id}")
    String edit(@PathVariable long id, @RequestParam(required = false) Long customerId, Model model) {
        MessageTemplate template = templates.find(id);
        model.addAttribute("unknown", template.unknownVariables());
        return editor(id, TemplateForm.of(template, customerId), Map.of(), model);
    }

    @PostMapping("/messages/templates")
    @PreAuthorize(MessagingRoles.WRITERS)
    String save(@ModelAttribute TemplateForm form, Model model, RedirectAttributes redirect) {
        try {
            MessageTemplate created = templates.create(form.draft());
            redirect.addFlashAttribute("message", "messaging.template.saved");
            return "redirect:/messages/templates/" + created.id() + customerParam(form);
        } catch (InvalidInputException e) {
            return editor(null, form, e.fieldErrors(), model);
        } catch (ConflictException e) {
            return editor(null, form, Map.of("name", e.getMessage()), model);
        }
    }

    @PostMapping("/messages/templates/{id}")
    @PreAuthorize(MessagingRoles.WRITERS)
    String update(@PathVariable long id, @ModelAttribute TemplateForm form, Model model, RedirectAttributes redirect) {
        try {
            templates.update(id, form.draft());
            redirect.addFlashAttribute("message", "messaging.template.saved");
            return "redirect:/messages/templates/" + id + customerParam(form);
        } catch (InvalidInputException e) {
            return editor(id, form, e.fieldErrors(), model);
        } catch (ConflictException e) {
            return editor(id, form, Map.of("name", e.getMessage()), model);
        }
    }

    /** The editor's preview of the text as typed (not yet saved), for the chosen customer. */
    @PostMapping("/messages/templates/preview")
    String preview(@ModelAttribute TemplateForm form, Model model) {
        if (form.customerId() == null) {
            model.addAttribute("previewError", "messaging.preview.chooseCustomer");
        } else {
            try {
                model.addAttribute("preview", templates.preview(form.draft(), form.customerId(), Map.of()));
            } catch (NotFoundException e) {
                model.addAttribute("previewError", "messaging.preview.noSuchCustomer");
            }
        }
        return "messaging/template-form :: preview";
    }

    private String editor(Long id, TemplateForm form, Map<String, String> errors, Model model) {
        model.addAttribute("templateId", id);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("channels", Channel.values());
        if (form.customerId() != null && form.body() != null && !form.body().isBlank() && form.channel() != null) {
            try {
                model.addAttribute("preview", templates.preview(form.draft(), form.customerId(), Map.of()));
            } catch (NotFoundException e) {
                model.addAttribute("previewError", "messaging.preview.noSuchCustomer");
            }
        }
        return "messaging/template-form";
    }

    private static String customerParam(TemplateForm form) {
        return form.customerId() == null ? "" : "?customerId=" + form.customerId();
    }
}
