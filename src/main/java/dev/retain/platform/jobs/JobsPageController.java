package dev.retain.platform.jobs;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The scheduled jobs page for admins: each job's schedule, next run and last run with its duration and outcome. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class JobsPageController {

    private final JobOverview overview;

    JobsPageController(JobOverview overview) {
        this.overview = overview;
    }

    @GetMapping("/admin/jobs")
    String list(Model model) {
        model.addAttribute("rows", overview.rows());
        return "platform/jobs";
    }
}
