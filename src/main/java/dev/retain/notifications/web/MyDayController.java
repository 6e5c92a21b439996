package dev.retain.notifications.web;

import dev.retain.platform.MyDaySection;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * "My day" (我的一天): the signed-in user's work for today from every module's {@link MyDaySection} — tasks and
 * follow-ups due today or overdue, customers going back to the pool soon, and (once the opportunities work adds its
 * section) the pipeline. Each section reads through its module's scoped services, so a salesperson sees their own.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN', 'MANAGER', 'SALES', 'SERVICE')")
class MyDayController {

    static final Set<Role> ROLES = Set.of(Role.ADMIN, Role.MANAGER, Role.SALES, Role.SERVICE);

    /** A section as the page shows it to one user; shaped like the home page's blocks so it shares their fragment. */
    record ShownSection(MyDaySection block, dev.retain.platform.HomeBlock.Content content, String link) {
        public boolean wide() {
            return content.figures().size() > 2;
        }
    }

    private final List<MyDaySection> sections;
    private final UserAccounts users;

    MyDayController(List<MyDaySection> sections, UserAccounts users) {
        this.sections = sections.stream()
                .sorted(Comparator.comparingInt(section -> section.heading().order()))
                .toList();
        this.users = users;
    }

    @GetMapping("/my-day")
    String myDay(Model model) {
        UserAccount me = users.current().orElseThrow(() -> new AccessDeniedException("no user"));
        model.addAttribute(
                "sections",
                sections.stream()
                        .filter(section -> section.visibleTo(me.roles()))
                        .map(section -> new ShownSection(section, section.contentFor(me), section.link(me)))
                        .toList());
        return "notifications/my-day";
    }
}
